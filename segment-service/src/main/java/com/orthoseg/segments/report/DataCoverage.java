package com.orthoseg.segments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sources the doctors have records in: per source, and per combination (most common first), so
 * that readers see how much of the population each finding rests on.
 */
public record DataCoverage(int doctors, int withProfile, int withOrders, int withComplaints, int withInstructions,
                           List<Combination> combinations) {

    /** @param sources the sources present, such as "profile + orders + complaints", or "none" */
    public record Combination(String sources, int doctors) {
    }

    static DataCoverage of(List<ReportDoctor> doctors) {
        Map<String, Integer> combinations = new LinkedHashMap<>();
        for (ReportDoctor doctor : doctors) {
            List<String> sources = new ArrayList<>();
            if (doctor.coverage().hasProfile()) {
                sources.add("profile");
            }
            if (doctor.coverage().hasOrders()) {
                sources.add("orders");
            }
            if (doctor.coverage().hasComplaints()) {
                sources.add("complaints");
            }
            if (doctor.coverage().hasInstructions()) {
                sources.add("instructions");
            }
            combinations.merge(sources.isEmpty() ? "none" : String.join(" + ", sources), 1, Integer::sum);
        }
        List<Combination> list = new ArrayList<>();
        combinations.forEach((sources, count) -> list.add(new Combination(sources, count)));
        list.sort((a, b) -> a.doctors() == b.doctors() ? a.sources().compareTo(b.sources()) : Integer.compare(b.doctors(), a.doctors()));
        return new DataCoverage(doctors.size(),
                (int) doctors.stream().filter(d -> d.coverage().hasProfile()).count(),
                (int) doctors.stream().filter(d -> d.coverage().hasOrders()).count(),
                (int) doctors.stream().filter(d -> d.coverage().hasComplaints()).count(),
                (int) doctors.stream().filter(d -> d.coverage().hasInstructions()).count(),
                list);
    }
}
