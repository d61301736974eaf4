package io.earshot.trends;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A spike: a rule's closed hour whose count rose above its baseline. One per rule and hour. */
@Entity
@Table(name = "trend_alert")
public class TrendAlert extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "trend_alert_seq")
    @SequenceGenerator(name = "trend_alert_seq", sequenceName = "trend_alert_seq", allocationSize = 50)
    public Long id;

    @Column(name = "rule_id", nullable = false)
    public long ruleId;

    /** Start of the hour (UTC) that spiked. */
    @Column(name = "bucket_start", nullable = false)
    public Instant bucketStart;

    /** Posts the rule matched in that hour. */
    @Column(name = "n", nullable = false)
    public long count;

    /** The expected count: the baseline's mean. */
    @Column(nullable = false)
    public double baseline;

    /** How many deviations above the baseline the count was. */
    @Column(nullable = false)
    public double score;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Newest spikes first. */
    public static List<TrendAlert> newest(int limit) {
        return find("order by bucketStart desc, id desc").page(0, limit).list();
    }

    public static boolean exists(long ruleId, Instant bucketStart) {
        return count("ruleId = ?1 and bucketStart = ?2", ruleId, bucketStart) > 0;
    }
}
