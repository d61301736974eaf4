package io.earshot.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the machine ({@code mount}, {@code pg_ctl}) for the fault tests and answers its exit code. */
final class OsCommand {

    private OsCommand() {
    }

    /**
     * Runs {@code command} for at most two minutes, appending its output to {@code output} (null: discarded);
     * answers the exit code, -1 when it could not run or did not end.
     */
    static int run(List<String> command, Path output) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs {@code command} and throws when it does not exit with 0. */
    static void require(List<String> command, Path output) {
        int code = run(command, output);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + code
                    + (output == null ? "" : "; see " + output));
        }
    }
}
