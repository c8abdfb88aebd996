package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;
import com.orthoseg.features.compute.ComputedFeatures;
import com.orthoseg.features.compute.DoctorData;
import com.orthoseg.features.compute.FeatureCalculator;
import com.orthoseg.features.compute.OrderFact;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The feature definitions of DESIGN.md on hand-made data: a unit test of the pure calculation. */
class FeatureCalculatorTest {

    private static final Instant AS_OF = Instant.parse("2026-06-30T12:00:00Z");

    private static OrderFact order(String id, long daysAgo, String amount, Map<String, Object> conditions) {
        return OrderFact.of(new OrderPlaced("D", id, null, AS_OF.minus(Duration.ofDays(daysAgo)),
                amount == null ? null : new BigDecimal(amount), conditions));
    }

    @Test
    void windowsAreExactInEventTime() {
        DoctorData doctor = new DoctorData("D", null, null, List.of(
                order("a", 10, "100", Map.of("A", true)),
                order("b", 200, "50", Map.of("A", false, "J", "After")),
                order("c", 400, null, Map.of())), List.of());
        Map<String, Double> f = FeatureCalculator.compute(doctor, AS_OF).features();

        assertThat(f).contains(entry("ordersTotal", 3.0), entry("orders30d", 1.0), entry("orders90d", 1.0),
                entry("orders365d", 2.0), entry("daysSinceLastOrder", 10.0), entry("amountTotal", 150.0),
                entry("amount365d", 150.0), entry("avgOrderValue", 75.0), entry("activeMonths365d", 2.0),
                entry("conditionShare.A", 1.0 / 3), entry("conditionShare.B", 0.0), entry("conditionJAfterShare", 1.0 / 3));
    }

    @Test
    void aWindowExcludesItsLowerBoundAndIncludesAsOf() {
        DoctorData doctor = new DoctorData("D", null, null, List.of(
                order("edge", 30, null, Map.of()), order("now", 0, null, Map.of())), List.of());
        assertThat(FeatureCalculator.compute(doctor, AS_OF).features()).contains(entry("orders30d", 1.0), entry("orders90d", 2.0));
    }

    @Test
    void nextExpiryIsTheFirstInstantAWindowChanges() {
        DoctorData doctor = new DoctorData("D", null, null, List.of(order("a", 80, null, Map.of()),
                order("b", 360, null, Map.of())), List.of(new ComplaintFiled("D", "c", "Correct", 2,
                AS_OF.minus(Duration.ofDays(89)).minus(Duration.ofHours(1)))));
        // the complaint leaves the 90-day window in 23 hours, before daysSinceLastOrder turns (1 day)
        // and the order leaves the 90-day one (10 days)
        assertThat(FeatureCalculator.compute(doctor, AS_OF).nextExpiry()).isEqualTo(AS_OF.plus(Duration.ofHours(23)));

        DoctorData complaintsOnly = new DoctorData("D", null, null, List.of(), List.of(new ComplaintFiled("D", "c",
                "Correct", 1, AS_OF.minus(Duration.ofDays(400)))));
        assertThat(FeatureCalculator.compute(complaintsOnly, AS_OF).nextExpiry()).isNull();
    }

    @Test
    void daysSinceLastOrderTurnsAWholeDayAfterTheLastOrderEvenWhenItHasLeftEveryWindow() {
        Instant lastOrder = AS_OF.minus(Duration.ofDays(10)).minus(Duration.ofHours(6));
        DoctorData recent = new DoctorData("D", null, null, List.of(OrderFact.of(
                new OrderPlaced("D", "a", null, lastOrder, null, Map.of()))), List.of());
        ComputedFeatures computed = FeatureCalculator.compute(recent, AS_OF);
        assertThat(computed.features()).contains(entry("daysSinceLastOrder", 10.0));
        assertThat(computed.nextExpiry()).isEqualTo(lastOrder.plus(Duration.ofDays(11)));
        assertThat(FeatureCalculator.compute(recent, computed.nextExpiry()).features()).contains(entry("daysSinceLastOrder", 11.0));

        DoctorData old = new DoctorData("D", null, null, List.of(order("x", 800, null, Map.of())), List.of());
        assertThat(FeatureCalculator.compute(old, AS_OF).nextExpiry()).isEqualTo(AS_OF.plus(Duration.ofDays(1)));
    }

    @Test
    void eventsDatedAfterAsOfCountNowhereUntilTheyHappen() {
        DoctorData future = new DoctorData("D", null, null, List.of(order("f", -3, "20", Map.of("A", true))),
                List.of(new ComplaintFiled("D", "c", "Correct", 2, AS_OF.plus(Duration.ofDays(2)))));
        ComputedFeatures early = FeatureCalculator.compute(future, AS_OF);
        assertThat(early.features()).contains(entry("ordersTotal", 0.0), entry("orders30d", 0.0),
                entry("amountTotal", null), entry("conditionShare.A", null), entry("daysSinceLastOrder", null),
                entry("complaintsTotal", 0.0), entry("complaintRate", null));
        assertThat(early.features()).doesNotContainKey("complaintsByType.Correct");
        assertThat(early.coverage().hasOrders()).isFalse();
        assertThat(early.coverage().hasComplaints()).isFalse();
        assertThat(early.nextExpiry()).isEqualTo(AS_OF.plus(Duration.ofDays(2)));

        ComputedFeatures later = FeatureCalculator.compute(future, AS_OF.plus(Duration.ofDays(3)));
        assertThat(later.features()).contains(entry("ordersTotal", 1.0), entry("orders30d", 1.0),
                entry("amountTotal", 20.0), entry("complaintsTotal", 2.0), entry("complaintRate", 2.0));
        assertThat(later.coverage().hasOrders()).isTrue();
    }

    @Test
    void complaintsAndTheirRate() {
        DoctorData doctor = new DoctorData("D", null, null, List.of(order("a", 1, null, Map.of()), order("b", 2, null, Map.of())),
                List.of(new ComplaintFiled("D", "1", "Correct", 3, AS_OF.minus(Duration.ofDays(100))),
                        new ComplaintFiled("D", "2", "R&R", 1, AS_OF.minus(Duration.ofDays(5)))));
        assertThat(FeatureCalculator.compute(doctor, AS_OF).features()).contains(entry("complaintsTotal", 4.0),
                entry("complaints90d", 1.0), entry("complaints365d", 4.0), entry("complaintsByType.Correct", 3.0),
                entry("complaintsByType.R&R", 1.0), entry("complaintRate", 2.0));
    }

    @Test
    void aDoctorWithoutDataHasZeroCountsAndUnknownValues() {
        ComputedFeatures computed = FeatureCalculator.compute(new DoctorData("D", null, null, List.of(), List.of()), AS_OF);
        assertThat(computed.features()).contains(entry("ordersTotal", 0.0), entry("complaintsTotal", 0.0),
                entry("daysSinceLastOrder", null), entry("amountTotal", null), entry("avgOrderValue", null),
                entry("complaintRate", null), entry("conditionShare.A", null), entry("rankOrdinal", null),
                entry("includesSpecialInstructions", null));
        assertThat(computed.coverage().hasProfile()).isFalse();
        assertThat(computed.nextExpiry()).isNull();
    }

    @Test
    void profileAndInstructions() {
        DoctorProfile profile = new DoctorProfile("D", "1 8 T4", DoctorCategory.GENERAL_PRACTITIONER,
                DoctorRank.TITANIUM_PLUS, 12.0, 0.5, -20.0, 3.5, 40, AS_OF);
        ComputedFeatures computed = FeatureCalculator.compute(new DoctorData("D", profile,
                new InstructionsPreference("D", true, AS_OF), List.of(), List.of()), AS_OF);
        assertThat(computed.features()).contains(entry("rankOrdinal", 8.0), entry("isSpecialist", 0.0),
                entry("incidenceRate", 12.0), entry("rRate", 0.5), entry("satisfaction", -20.0),
                entry("experience", 3.5), entry("purchases", 40.0), entry("includesSpecialInstructions", 1.0));
        assertThat(computed.coverage().hasProfile()).isTrue();
        assertThat(computed.coverage().hasInstructions()).isTrue();
    }
}
