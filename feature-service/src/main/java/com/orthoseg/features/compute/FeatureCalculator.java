package com.orthoseg.features.compute;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.OrderPlaced;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-doctor features of DESIGN.md, computed exactly from a doctor's data as of an instant.
 *
 * <p>A window of W days holds the events with {@code asOf - W < time <= asOf}; an order or complaint
 * dated after asOf counts nowhere (not even in the totals or the coverage) until asOf reaches it (a
 * doctor keeps one profile and one preference, the newest, which count as they are). Counts of a doctor
 * with no orders or complaints are 0; values that cannot be known (an average without amounts, a
 * rate without orders, a profile field never given) are null.
 */
public final class FeatureCalculator {

    private static final List<String> CONDITION_SHARES = OrderPlaced.BOOLEAN_CONDITIONS.stream()
            .map(condition -> "conditionShare." + condition).toList();

    private FeatureCalculator() {
    }

    public static ComputedFeatures compute(DoctorData doctor, Instant asOf) {
        Map<String, Double> features = new LinkedHashMap<>();
        Windows windows = new Windows(asOf);
        int orders = orders(doctor.orders(), asOf, features, windows);
        int complaints = complaints(doctor.complaints(), orders, features, windows);
        profile(doctor.profile(), features);
        features.put("includesSpecialInstructions", doctor.instructions() == null ? null
                : doctor.instructions().includesSpecialInstructions() ? 1.0 : 0.0);
        DoctorFeatures.Coverage coverage = new DoctorFeatures.Coverage(doctor.profile() != null,
                orders > 0, complaints > 0, doctor.instructions() != null);
        return new ComputedFeatures(doctor.doctorId(), asOf, features, coverage, windows.nextChange());
    }

    /** Puts the order features; answers how many orders were placed by asOf (later ones count nowhere yet). */
    private static int orders(List<OrderFact> orders, Instant asOf, Map<String, Double> features, Windows windows) {
        int total = 0;
        int in30 = 0;
        int in90 = 0;
        int in365 = 0;
        Instant last = null;
        BigDecimal amountTotal = null;
        BigDecimal amount365 = null;
        int withAmount = 0;
        // bit i: an order in the i-th calendar month before asOf's (a 365-day window touches at most 13)
        long activeMonths = 0;
        int asOfMonth = monthIndex(asOf);
        int[] conditionTrue = new int[OrderPlaced.BOOLEAN_CONDITIONS.size()];
        int jAfter = 0;
        for (OrderFact order : orders) {
            Instant t = order.placedAt();
            if (!windows.happened(t)) {
                continue;
            }
            total++;
            boolean inYear = windows.contains(Windows.D365, t);
            in30 += windows.contains(Windows.D30, t) ? 1 : 0;
            in90 += windows.contains(Windows.D90, t) ? 1 : 0;
            in365 += inYear ? 1 : 0;
            if (last == null || t.isAfter(last)) {
                last = t;
            }
            if (order.amount() != null) {
                withAmount++;
                amountTotal = amountTotal == null ? order.amount() : amountTotal.add(order.amount());
                if (inYear) {
                    amount365 = amount365 == null ? order.amount() : amount365.add(order.amount());
                }
            }
            if (inYear) {
                activeMonths |= 1L << (asOfMonth - monthIndex(t));
            }
            for (int c = 0; c < conditionTrue.length; c++) {
                conditionTrue[c] += order.isTrue(c) ? 1 : 0;
            }
            jAfter += order.isJAfter() ? 1 : 0;
        }
        features.put("ordersTotal", (double) total);
        features.put("orders30d", (double) in30);
        features.put("orders90d", (double) in90);
        features.put("orders365d", (double) in365);
        if (last != null) {
            long days = Duration.between(last, asOf).toDays();
            features.put("daysSinceLastOrder", (double) days);
            windows.changesAt(last.plus(Duration.ofDays(days + 1)));
        } else {
            features.put("daysSinceLastOrder", null);
        }
        features.put("amountTotal", amountTotal == null ? null : amountTotal.doubleValue());
        // unknown while no order has an amount; 0 when amounts are known but none is in the window
        features.put("amount365d", withAmount == 0 ? null : amount365 == null ? 0.0 : amount365.doubleValue());
        features.put("avgOrderValue", amountTotal == null ? null : amountTotal.doubleValue() / withAmount);
        features.put("activeMonths365d", (double) Long.bitCount(activeMonths));
        for (int c = 0; c < conditionTrue.length; c++) {
            features.put(CONDITION_SHARES.get(c), total == 0 ? null : conditionTrue[c] / (double) total);
        }
        features.put("conditionJAfterShare", total == 0 ? null : jAfter / (double) total);
        return total;
    }

    /** Puts the complaint features; answers how many complaints were filed by asOf. */
    private static int complaints(List<ComplaintFiled> complaints, int orders, Map<String, Double> features,
                                  Windows windows) {
        int filed = 0;
        long total = 0;
        long in90 = 0;
        long in365 = 0;
        Map<String, Long> byType = new TreeMap<>();
        for (ComplaintFiled complaint : complaints) {
            Instant t = complaint.filedAt();
            if (!windows.happened(t)) {
                continue;
            }
            filed++;
            total += complaint.qty();
            in90 += windows.contains(Windows.D90, t) ? complaint.qty() : 0;
            in365 += windows.contains(Windows.D365, t) ? complaint.qty() : 0;
            byType.merge(complaint.complaintType(), (long) complaint.qty(), Long::sum);
        }
        features.put("complaintsTotal", (double) total);
        features.put("complaints90d", (double) in90);
        features.put("complaints365d", (double) in365);
        byType.forEach((type, qty) -> features.put("complaintsByType." + type, (double) qty));
        features.put("complaintRate", orders == 0 ? null : total / (double) orders);
        return filed;
    }

    private static void profile(DoctorProfile profile, Map<String, Double> features) {
        features.put("rankOrdinal", profile == null || profile.rank() == null ? null : (double) profile.rank().level());
        features.put("isSpecialist", profile == null || profile.category() == null ? null
                : profile.category() == DoctorCategory.SPECIALIST ? 1.0 : 0.0);
        features.put("incidenceRate", profile == null ? null : profile.incidenceRate());
        features.put("rRate", profile == null ? null : profile.rRate());
        features.put("satisfaction", profile == null ? null : profile.satisfaction());
        features.put("experience", profile == null ? null : profile.experience());
        features.put("purchases", profile == null || profile.purchases() == null ? null : profile.purchases().doubleValue());
    }

    /** Months since year 0 of the UTC calendar month of {@code t}. */
    private static int monthIndex(Instant t) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400L));
        return day.getYear() * 12 + day.getMonthValue() - 1;
    }

    /**
     * The 30/90/365-day windows as of an instant ({@code asOf - W < t <= asOf}), and the earliest instant
     * after asOf at which a feature changes with no new event: an event dated after asOf happens, an
     * event leaves a window (W after the earliest event of each window W that has not left it yet), or
     * daysSinceLastOrder turns. Compares instants only, allocating nothing per event.
     */
    private static final class Windows {
        static final int D30 = 0;
        static final int D90 = 1;
        static final int D365 = 2;
        private static final Duration[] LENGTHS = {Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(365)};

        private final Instant asOf;
        private final Instant[] starts = new Instant[LENGTHS.length];
        private final Instant[] earliestNotLeft = new Instant[LENGTHS.length];
        private Instant nextChange;

        Windows(Instant asOf) {
            this.asOf = asOf;
            for (int w = 0; w < LENGTHS.length; w++) {
                starts[w] = asOf.minus(LENGTHS[w]);
            }
        }

        /** Whether an event at {@code t} has happened by asOf; if not, its time is a change to come. */
        boolean happened(Instant t) {
            if (t.isAfter(asOf)) {
                changesAt(t);
                return false;
            }
            return true;
        }

        /** Whether an event that has happened is in the window. */
        boolean contains(int window, Instant t) {
            if (!t.isAfter(starts[window])) {
                return false;
            }
            if (earliestNotLeft[window] == null || t.isBefore(earliestNotLeft[window])) {
                earliestNotLeft[window] = t;
            }
            return true;
        }

        void changesAt(Instant t) {
            if (nextChange == null || t.isBefore(nextChange)) {
                nextChange = t;
            }
        }

        Instant nextChange() {
            for (int w = 0; w < LENGTHS.length; w++) {
                if (earliestNotLeft[w] != null) {
                    changesAt(earliestNotLeft[w].plus(LENGTHS[w]));
                }
            }
            return nextChange;
        }
    }
}
