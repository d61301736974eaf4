package io.earshot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The relay position written into Kafka offset metadata. */
class RelayPositionTest {

    @Test
    void rowsSurviveTheRoundTripThroughOffsetMetadata() {
        List<RelayPosition.Row> rows = List.of(new RelayPosition.Row(12, "1a2b3c4d"), new RelayPosition.Row(61, "00ff00ff"));
        assertEquals("v1:12.1a2b3c4d,61.00ff00ff", RelayPosition.encode(rows));
        assertEquals(rows, RelayPosition.decode(RelayPosition.encode(rows)));
    }

    @Test
    void aFullBatchFitsKafkasDefaultMetadataLimit() {
        List<RelayPosition.Row> rows = new ArrayList<>();
        for (int i = 0; i < RelayPosition.MAX_ROWS; i++) {
            rows.add(new RelayPosition.Row(Long.MAX_VALUE - i, "ffffffff"));
        }
        assertTrue(RelayPosition.encode(rows).length() <= 4096);
        rows.add(new RelayPosition.Row(1, "ffffffff"));
        assertThrows(IllegalArgumentException.class, () -> RelayPosition.encode(rows));
    }

    @Test
    void emptyOrForeignMetadataHoldsNoRows() {
        assertEquals(List.of(), RelayPosition.decode(null));
        assertEquals(List.of(), RelayPosition.decode(""));
        assertEquals(List.of(), RelayPosition.decode("v1:"));
        assertEquals(List.of(), RelayPosition.decode("something else"));
    }

    @Test
    void theCheckIsTheStartOfTheRepliesRandomId() {
        assertEquals("9f3e2a10", RelayPosition.check("earshot-9f3e2a10-0c4b-4f7e-a2a8-3b7d5c1e9f00"));
    }
}
