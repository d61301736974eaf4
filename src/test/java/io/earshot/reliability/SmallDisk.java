package io.earshot.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A small file system of the test's own: a {@code tmpfs} of a few MiB mounted under the build directory,
 * that the test fills to the last byte with a filler file and frees again. Mounting needs root (or
 * {@code CAP_SYS_ADMIN}); a test that cannot mount one is skipped with the reason.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code megabytes} MiB; skips the calling test when mounting is not permitted. */
    static SmallDisk mount(String name, int megabytes) {
        Path dir = AppProcess.buildDir().resolve("reliability").resolve("disk-" + name + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int code = OsCommand.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                dir.toString()), null);
        if (code != 0) {
            delete(dir);
        }
        Assumptions.assumeTrue(code == 0, "cannot mount a tmpfs at " + dir + " (mount exited with " + code
                + "; it needs root or CAP_SYS_ADMIN)");
        SmallDisk disk = new SmallDisk(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(disk::close, "disk-" + name + "-reaper"));
        return disk;
    }

    Path path() {
        return mountPoint;
    }

    /** Writes the filler file until the file system refuses another byte; answers its size. */
    long fill() {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException e) {
            // "No space left on device": full, which is the point.
        }
        return written;
    }

    /** Deletes the filler file. */
    void free() {
        try {
            Files.deleteIfExists(filler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unmounts the file system (its contents go with it) and removes the mount point. */
    @Override
    public synchronized void close() {
        if (Files.isDirectory(mountPoint)) {
            // Fails harmlessly when a first close unmounted it already.
            OsCommand.run(List.of("umount", "-l", mountPoint.toString()), null);
        }
        delete(mountPoint);
    }

    private static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Not empty means still mounted: leave it rather than delete what is on the tmpfs.
        }
    }
}
