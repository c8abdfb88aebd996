package com.orthoseg.segments.report;

import com.orthoseg.events.DoctorRank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Question 1: how many profiled doctors each region (category, rank) has and what they buy on average,
 * purchases being the ERP's figure over the last year from the profile. Groups are sorted by doctors,
 * most first; ranks by rank.
 */
public record RegionBreakdown(int profiledDoctors, Table byRegion, Table byCategory, Table byRank) {

    /** @param averagePurchases over the doctors of the group whose profile gives purchases (withPurchases) */
    public record Group(String group, int doctors, int withPurchases, Double averagePurchases, double totalPurchases) {
    }

    public record Table(String groupedBy, String sortedBy, List<Group> groups) {
    }

    static RegionBreakdown of(List<ReportDoctor> profiled) {
        Comparator<Group> byDoctors = Comparator.comparingInt(Group::doctors).reversed().thenComparing(Group::group);
        List<Group> ranks = groups(profiled, Groups::rank);
        List<String> rankOrder = Arrays.stream(DoctorRank.values()).map(Groups::label).toList();
        ranks.sort(Comparator.comparingInt(g -> g.group().equals(Groups.NONE) ? Integer.MAX_VALUE : rankOrder.indexOf(g.group())));
        return new RegionBreakdown(profiled.size(),
                new Table("region", "doctors, most first", sorted(groups(profiled, Groups::region), byDoctors)),
                new Table("category", "doctors, most first", sorted(groups(profiled, Groups::category), byDoctors)),
                new Table("rank", "rank, lowest first", ranks));
    }

    private static List<Group> sorted(List<Group> groups, Comparator<Group> order) {
        groups.sort(order);
        return groups;
    }

    private static List<Group> groups(List<ReportDoctor> doctors, Function<ReportDoctor, String> key) {
        Map<String, List<ReportDoctor>> grouped = new LinkedHashMap<>();
        doctors.forEach(d -> grouped.computeIfAbsent(key.apply(d), k -> new ArrayList<>()).add(d));
        List<Group> groups = new ArrayList<>();
        grouped.forEach((group, members) -> {
            double[] purchases = members.stream().map(d -> d.feature("purchases")).filter(p -> p != null)
                    .mapToDouble(Double::doubleValue).toArray();
            double total = 0;
            for (double p : purchases) {
                total += p;
            }
            groups.add(new Group(group, members.size(), purchases.length,
                    purchases.length == 0 ? null : total / purchases.length, total));
        });
        return groups;
    }
}
