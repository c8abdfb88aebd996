package com.orthoseg.features.compute;

import com.orthoseg.events.ComplaintFiled;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch changed in its doctors' facts, as far as cached facts can follow: orders and complaints
 * whose ids were new are added to them; a doctor whose facts changed otherwise (a profile, instructions,
 * a correction, an order or complaint moved away) is read again from PostgreSQL.
 */
public final class NewFacts {

    private final Map<String, List<OrderFact>> orders = new HashMap<>();
    private final Map<String, List<ComplaintFiled>> complaints = new HashMap<>();
    private final Set<String> reread = new HashSet<>();

    public static NewFacts none() {
        return new NewFacts();
    }

    public void addOrder(String doctorId, OrderFact order) {
        orders.computeIfAbsent(doctorId, d -> new ArrayList<>()).add(order);
    }

    public void addComplaint(ComplaintFiled complaint) {
        complaints.computeIfAbsent(complaint.doctorId(), d -> new ArrayList<>()).add(complaint);
    }

    public void reread(String doctorId) {
        reread.add(doctorId);
    }

    boolean rereads(String doctorId) {
        return reread.contains(doctorId);
    }

    /** The cached facts with this batch's new orders and complaints, in new lists (the cached ones stay as they are). */
    DoctorData addedTo(DoctorData cached) {
        List<OrderFact> newOrders = orders.getOrDefault(cached.doctorId(), List.of());
        List<ComplaintFiled> newComplaints = complaints.getOrDefault(cached.doctorId(), List.of());
        if (newOrders.isEmpty() && newComplaints.isEmpty()) {
            return cached;
        }
        return new DoctorData(cached.doctorId(), cached.profile(), cached.instructions(),
                concat(cached.orders(), newOrders), concat(cached.complaints(), newComplaints));
    }

    private static <T> List<T> concat(List<T> cached, List<T> added) {
        if (added.isEmpty()) {
            return cached;
        }
        List<T> all = new ArrayList<>(cached.size() + added.size());
        all.addAll(cached);
        all.addAll(added);
        return all;
    }
}
