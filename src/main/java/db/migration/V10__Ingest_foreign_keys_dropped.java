package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the three foreign keys that every ingested post paid for: {@code message.conversation_id},
 * {@code message_rule.message_id} and {@code conversation_rule.conversation_id}.
 *
 * <p>PostgreSQL checks a foreign key with a query per inserted row, locking the referenced row (which
 * writes to its page and the WAL): a storing transaction of 450 posts, their conversations and their
 * rule rows took 32-37 ms with them and 20-25 ms without on a database of 2 million messages. These
 * rows are written only by the storing transaction, with the rows they point to, and removed only
 * with them (a merged conversation's rule rows are deleted with it by Hibernate, its messages moved
 * first), so the keys guarded nothing the code does not. The keys of the staff's tables (notes,
 * audit, replies, the reply outbox, read marks, tags) stay.
 *
 * <p>A Java migration because the keys were created without names, and H2 names them differently
 * from PostgreSQL: each is found by its column in the database's metadata.
 */
public class V10__Ingest_foreign_keys_dropped extends BaseJavaMigration {

    private record Key(String table, String column, String references) {
    }

    private static final List<Key> KEYS = List.of(
            new Key("message", "conversation_id", "conversation"),
            new Key("message_rule", "message_id", "message"),
            new Key("conversation_rule", "conversation_id", "conversation"));

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        DatabaseMetaData metadata = connection.getMetaData();
        String schema = connection.getSchema();
        for (Key key : KEYS) {
            for (String name : constraintNames(metadata, schema, key)) {
                try (Statement drop = connection.createStatement()) {
                    drop.execute("alter table " + key.table() + " drop constraint " + quoted(name));
                }
            }
        }
    }

    /** The names of the keys on {@code key}'s column; the metadata wants the table's name as the database stores it. */
    private static List<String> constraintNames(DatabaseMetaData metadata, String schema, Key key)
            throws SQLException {
        String table = metadata.storesUpperCaseIdentifiers() ? key.table().toUpperCase(Locale.ROOT) : key.table();
        List<String> names = new ArrayList<>();
        try (ResultSet keys = metadata.getImportedKeys(null, schema, table)) {
            while (keys.next()) {
                if (keys.getString("FKCOLUMN_NAME").equalsIgnoreCase(key.column())
                        && keys.getString("PKTABLE_NAME").equalsIgnoreCase(key.references())) {
                    names.add(keys.getString("FK_NAME"));
                }
            }
        }
        return names;
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
