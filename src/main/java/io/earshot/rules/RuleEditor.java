package io.earshot.rules;

import java.util.List;

import io.earshot.search.SearchPageView;
import io.earshot.trends.RuleWorkbench;

/**
 * The workbench's rule form: what was typed (with the dry run's optional period, local dates in UTC),
 * which rule it edits (null for a new one), and the
 * outcome of the last dry run or save: a dry run's findings, the query language's complaint pointed
 * at its place in the query, or another refusal.
 */
public record RuleEditor(Long id, String name, String query, String from, String to, RuleWorkbench.DryRun dryRun,
        SearchPageView.Problem problem, String error) {

    static final int BAR_WIDTH = 12;
    static final int BAR_HEIGHT = 60;

    static RuleEditor blank() {
        return new RuleEditor(null, "", "", null, null, null, null, null);
    }

    static RuleEditor of(Rule rule) {
        return new RuleEditor(rule.id, rule.name, rule.query, null, null, null, null, null);
    }

    /** The same form with the dry run's period as typed. */
    RuleEditor during(String from, String to) {
        return new RuleEditor(id, name, query, from, to, dryRun, problem, error);
    }

    public boolean isEditing() {
        return id != null;
    }

    /** One bar of the dry run's volume chart: its day, count and SVG geometry. */
    public record Bar(String day, long count, int x, int y, int height) {
    }

    /** The dry run's posts per day as bars of an SVG {@value #BAR_HEIGHT} high. */
    public List<Bar> bars() {
        if (dryRun == null) {
            return List.of();
        }
        long max = Math.max(1, dryRun.perDay().stream().mapToLong(RuleWorkbench.Day::count).max().orElse(1));
        List<RuleWorkbench.Day> days = dryRun.perDay();
        return java.util.stream.IntStream.range(0, days.size()).mapToObj(i -> {
            int h = (int) Math.round((BAR_HEIGHT - 1) * (double) days.get(i).count() / max);
            return new Bar(days.get(i).day().toString(), days.get(i).count(), i * BAR_WIDTH, BAR_HEIGHT - h, h);
        }).toList();
    }

    /** The first and last day the dry run covered. */
    public String period() {
        if (dryRun == null || dryRun.perDay().isEmpty()) {
            return "";
        }
        return dryRun.perDay().get(0).day() + " to " + dryRun.perDay().get(dryRun.perDay().size() - 1).day();
    }

    public int chartWidth() {
        return dryRun == null ? 0 : dryRun.perDay().size() * BAR_WIDTH;
    }
}
