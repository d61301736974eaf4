package io.earshot.trends;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.earshot.account.Roles;

/**
 * {@code GET /api/trends.csv}: the same trend as {@code /api/trends}, one row a bucket:
 * {@code start,<key1>,<key2>...} with the counts.
 */
@Path("/api/trends.csv")
@RolesAllowed({ Roles.ADMIN, Roles.AGENT, Roles.ANALYST })
public class TrendCsvResource {

    @Inject
    TrendService trends;

    @GET
    @Produces("text/csv")
    public Response csv(@QueryParam("series") List<String> series, @QueryParam("interval") String interval,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("tz") String tz) {
        TrendView trend = trends.volume(series, interval, from, to, tz);
        List<String> header = new ArrayList<>();
        header.add("start");
        trend.series().forEach(s -> header.add(s.key()));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .build())) {
            int buckets = trend.series().get(0).buckets().size();
            for (int i = 0; i < buckets; i++) {
                List<Object> row = new ArrayList<>();
                row.add(trend.series().get(0).buckets().get(i).start());
                for (TrendView.Series s : trend.series()) {
                    row.add(s.buckets().get(i).count());
                }
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"trends.csv\"").build();
    }
}
