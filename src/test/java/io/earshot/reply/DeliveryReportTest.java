package io.earshot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading connectors' delivery reports: good ones parsed, bad ones refused with a reason, nothing thrown. */
class DeliveryReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeliveryReport.Parsed parse(String value) {
        return DeliveryReport.parse(JSON, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String value) {
        return assertInstanceOf(DeliveryReport.Malformed.class, parse(value)).reason();
    }

    @Test
    void sentAndFailedReportsAreRead() {
        assertEquals(new DeliveryReport(7, DeliveryState.SENT, "1600001", null, null),
                assertInstanceOf(DeliveryReport.Valid.class,
                        parse("{\"reply_id\":7,\"status\":\"sent\",\"platform_id\":\"1600001\"}")).report());
        assertEquals(new DeliveryReport(8, DeliveryState.FAILED, null, "rate limited", 2),
                assertInstanceOf(DeliveryReport.Valid.class,
                        parse("{\"reply_id\":\"8\",\"status\":\"failed\",\"reason\":\"rate limited\",\"attempt\":2}"))
                        .report());
    }

    @Test
    void malformedReportsAreRefusedWithAReason() {
        assertEquals("not JSON", refusal("{not json"));
        assertEquals("a delivery report is a JSON object", refusal("[1]"));
        assertEquals("a delivery report is a JSON object", refusal(null));
        assertEquals("reply_id is required: the reply's id", refusal("{\"status\":\"sent\"}"));
        assertEquals("reply_id is required: the reply's id", refusal("{\"reply_id\":1.5,\"status\":\"sent\"}"));
        assertEquals("status must be sent or failed", refusal("{\"reply_id\":1,\"status\":\"delivered\"}"));
        assertEquals("attempt must be a number", refusal("{\"reply_id\":1,\"status\":\"sent\",\"attempt\":\"x\"}"));
    }
}
