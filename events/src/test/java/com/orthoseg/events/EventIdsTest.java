package com.orthoseg.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void generatorProducesStandardVersion5Uuids() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        UUID known = Generators.nameBasedGenerator(NameBasedGenerator.NAMESPACE_DNS).generate("python.org");
        assertThat(known).isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));

        UUID id = EventIds.of("order:42:abc");
        assertThat(id.version()).isEqualTo(5);
        assertThat(id).isEqualTo(EventIds.of("order:42:abc")).isNotEqualTo(EventIds.of("order:43:abc"));
    }

    @Test
    void contentHashIsUnambiguous() {
        assertThat(EventIds.contentHash("ab", "c")).isNotEqualTo(EventIds.contentHash("a", "bc"));
        assertThat(EventIds.contentHash((Object) null)).isNotEqualTo(EventIds.contentHash("null"));
        assertThat(EventIds.contentHash("x", 1)).isEqualTo(EventIds.contentHash("x", 1)).hasSize(32);
    }

    @Test
    void sameOrderSentTwiceGetsTheSameIdWhateverTheImportTime() {
        OrderPlaced first = order(T1, new BigDecimal("10.50"), Map.of("A", true));
        OrderPlaced again = order(T2, new BigDecimal("10.5"), Map.of("A", true));
        assertThat(again.eventId(false)).isEqualTo(first.eventId(false))
                // the ids of orders without placedAt are those of the contract's first version
                .isEqualTo(EventIds.of("order:O1:" + EventIds.contentHash("D1", "N1", "10.5", Map.of("A", true))));
    }

    @Test
    void aGivenDateIsPartOfTheContentSoCorrectingItIsACorrection() {
        OrderPlaced dated = order(T1, BigDecimal.TEN, Map.of());
        assertThat(dated.eventId(true)).isEqualTo(order(T1, BigDecimal.TEN, Map.of()).eventId(true))
                .isNotEqualTo(order(T2, BigDecimal.TEN, Map.of()).eventId(true))
                .isNotEqualTo(dated.eventId(false));

        String id = ComplaintFiled.aggregatedComplaintId("D1", "Correct");
        assertThat(new ComplaintFiled("D1", id, "Correct", 3, T1).eventId(true))
                .isEqualTo(new ComplaintFiled("D1", id, "Correct", 3, T1).eventId(true))
                .isNotEqualTo(new ComplaintFiled("D1", id, "Correct", 3, T2).eventId(true));
    }

    @Test
    void correctedOrderGetsANewId() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("A", false);
        before.put("J", null);
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("A", true);
        assertThat(order(T1, null, after).eventId(false)).isNotEqualTo(order(T1, null, before).eventId(false));
    }

    @Test
    void conditionOrderDoesNotMatter() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("A", true);
        ab.put("B", false);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("B", false);
        ba.put("A", true);
        assertThat(order(T1, null, ab).eventId(false)).isEqualTo(order(T1, null, ba).eventId(false));
    }

    @Test
    void withoutAGivenUpdateTimeProfilesAndInstructionsAreIdentifiedByContentAlone() {
        DoctorProfile p1 = profile(DoctorRank.GOLD, T1);
        DoctorProfile p2 = profile(DoctorRank.GOLD, T2);
        assertThat(p2.eventId(false)).isEqualTo(p1.eventId(false))
                .isNotEqualTo(profile(DoctorRank.GOLD_PLUS, T1).eventId(false));

        assertThat(new InstructionsPreference("D1", true, T1).eventId(false))
                .isEqualTo(new InstructionsPreference("D1", true, T2).eventId(false))
                .isNotEqualTo(new InstructionsPreference("D1", false, T1).eventId(false))
                // the ids of records without updatedAt are those of the contract's first version
                .isEqualTo(EventIds.of("instructions:D1:" + EventIds.contentHash(true)));
    }

    @Test
    void aGivenUpdateTimeMakesAReturnToEarlierContentANewFact() {
        assertThat(profile(DoctorRank.GOLD, T2).eventId(true))
                .isEqualTo(profile(DoctorRank.GOLD, T2).eventId(true))
                .isNotEqualTo(profile(DoctorRank.GOLD, T1).eventId(true))
                .isNotEqualTo(profile(DoctorRank.GOLD, T2).eventId(false));

        assertThat(new InstructionsPreference("D1", true, T2).eventId(true))
                .isEqualTo(new InstructionsPreference("D1", true, T2).eventId(true))
                .isNotEqualTo(new InstructionsPreference("D1", true, T1).eventId(true))
                .isNotEqualTo(new InstructionsPreference("D1", true, T2).eventId(false));
    }

    @Test
    void complaintsOfOneDoctorAndTypeShareAnIdUnlessTheQuantityChanges() {
        String id = ComplaintFiled.aggregatedComplaintId("D1", "Correct");
        assertThat(id).isEqualTo("D1:Correct");
        assertThat(new ComplaintFiled("D1", id, "Correct", 3, T1).eventId(false))
                .isEqualTo(new ComplaintFiled("D1", id, "Correct", 3, T2).eventId(false))
                .isNotEqualTo(new ComplaintFiled("D1", id, "Correct", 4, T1).eventId(false));
    }

    private static DoctorProfile profile(DoctorRank rank, Instant updatedAt) {
        return new DoctorProfile("D1", "1 8 T4", DoctorCategory.SPECIALIST, rank, 1.0, 0.5, null, 2.0, 10, updatedAt);
    }

    private static OrderPlaced order(Instant placedAt, BigDecimal amount, Map<String, Object> conditions) {
        return new OrderPlaced("D1", "O1", "N1", placedAt, amount, conditions);
    }
}
