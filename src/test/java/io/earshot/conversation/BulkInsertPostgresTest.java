package io.earshot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.earshot.testing.PostgresProfile;
import io.earshot.testing.RequiresPostgres;

/** Rows written by {@link BulkInsert} on PostgreSQL read back exactly as they were added, on both of its paths. */
@RequiresPostgres
class BulkInsertPostgresTest {

    private static final List<BulkInsert.Column> COLUMNS = List.of(BulkInsert.Column.bigint("id"),
            BulkInsert.Column.integer("n"), BulkInsert.Column.text("body"), BulkInsert.Column.timestamp("at"));

    /** Text that COPY's text format or an array literal could take for syntax, and text that is just text. */
    private static final List<String> TEXTS = List.of("plain", "", "back\\slash", "\\N", "\\.", "tab\there",
            "new\nline", "carriage\rreturn", "\r\n", "quote \" and ' and {braces,commas}", "NULL", "ünïcödé ✓ 😀",
            "{\"raw\":\"json with \\\"escapes\\\" and \\\\u0041\"}", "trailing backslash\\", "x".repeat(20_000));

    @Test
    void plainInsertsReadBackExactly() throws SQLException {
        assertRoundTrip(null);
    }

    @Test
    void insertsWithAConflictClauseReadBackExactly() throws SQLException {
        assertRoundTrip("on conflict (id) do nothing");
    }

    /**
     * PgJDBC's {@code copyIn(String, Reader)} encodes its input 65,536 characters at a time, so an emoji
     * whose two UTF-16 halves straddled a chunk came out as two question marks. Here the high half is
     * the 65,536th character of the COPY data ("0\t0\t" and 65,531 letters come before it).
     */
    @Test
    void anEmojiAtTheDriversChunkBoundaryReadsBackWhole() throws SQLException {
        assertRoundTrip(null, List.of("x".repeat(65_531) + "\uD83D\uDE00 after"));
    }

    private static void assertRoundTrip(String onConflict) throws SQLException {
        assertRoundTrip(onConflict, TEXTS);
    }

    private static void assertRoundTrip(String onConflict, List<String> texts) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresProfile.URL, PostgresProfile.USER, "");
                Statement s = c.createStatement()) {
            s.execute("create temporary table bulk_insert_check (id bigint primary key, n integer, body varchar,"
                    + " at timestamptz)");
            BulkInsert insert = new BulkInsert("bulk_insert_check", COLUMNS, onConflict);
            List<Object[]> expected = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                expected.add(new Object[] { (long) i, i * 7, texts.get(i), Instant.parse("2026-11-25T09:14:03.123Z")
                        .plusSeconds(i * 3_600L) });
            }
            expected.add(new Object[] { (long) texts.size(), null, null, null });
            expected.forEach(insert::add);
            insert.execute(c);

            List<Object[]> actual = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select id, n, body, at from bulk_insert_check order by id")) {
                while (rs.next()) {
                    actual.add(new Object[] { rs.getLong(1), rs.getObject(2), rs.getString(3),
                            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant() });
                }
            }
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(Arrays.asList(expected.get(i)), Arrays.asList(actual.get(i)), "row " + i);
            }
        }
    }
}
