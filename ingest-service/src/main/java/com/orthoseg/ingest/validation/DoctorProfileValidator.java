package com.orthoseg.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

final class DoctorProfileValidator implements RecordValidator {

    private static final Set<String> FIELDS = Set.of("doctorId", "region", "category", "rank", "incidenceRate",
            "rRate", "satisfaction", "experience", "purchases", "updatedAt");
    private static final String CATEGORIES = Arrays.toString(DoctorCategory.values());
    private static final String RANKS = Arrays.toString(DoctorRank.values());

    @Override
    public Validated validate(JsonNode record, Instant receivedAt) {
        Fields fields = new Fields(record, FIELDS);
        String doctorId = fields.requiredId("doctorId");
        String region = fields.optionalText("region");
        DoctorCategory category = fields.optionalEnum("category", DoctorProfileValidator::category, CATEGORIES);
        DoctorRank rank = fields.optionalEnum("rank", DoctorRank::parse, RANKS);
        Double incidenceRate = fields.optionalNumber("incidenceRate", 0, Double.MAX_VALUE);
        Double rRate = fields.optionalNumber("rRate", 0, Double.MAX_VALUE);
        Double satisfaction = fields.optionalNumber("satisfaction", -100, 100);
        Double experience = fields.optionalNumber("experience", 0, Double.MAX_VALUE);
        Integer purchases = fields.optionalInteger("purchases", 0);
        Instant updatedAt = fields.optionalInstant("updatedAt", receivedAt);
        if (fields.hasErrors()) {
            return Validated.invalid(fields.errors());
        }
        Instant time = updatedAt == null ? receivedAt : updatedAt;
        DoctorProfile profile = new DoctorProfile(doctorId, region, category, rank, incidenceRate, rRate,
                satisfaction, experience, purchases, time);
        return Validated.valid(new ValidEvent(profile.eventId(updatedAt != null), doctorId, time, profile));
    }

    /** Accepts the enum name or the label ("General Practitioner"). */
    static Optional<DoctorCategory> category(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return Arrays.stream(DoctorCategory.values()).filter(c -> c.name().equals(name)).findFirst();
    }
}
