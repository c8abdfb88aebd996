package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.OrderPlaced;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Orders and complaints of many doctors over two years, sent in shuffled order with 10% of the events
 * sent twice, followed by corrections of some orders. {@link #finalOrders()} and {@link #complaints()}
 * are the deduplicated truth, against which a plain recomputation runs.
 */
final class GeneratedHistory {

    final List<Object> sent = new ArrayList<>();
    private final Map<String, OrderPlaced> finalOrders = new LinkedHashMap<>();
    private final List<ComplaintFiled> complaints = new ArrayList<>();

    GeneratedHistory(String prefix, int doctors, int orders, Instant start, long seed) {
        Random random = new Random(seed);
        long span = Duration.ofDays(730).toSeconds();
        List<Object> originals = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String doctor = prefix + random.nextInt(doctors);
            OrderPlaced order = new OrderPlaced(doctor, prefix + "O" + i, "N" + i,
                    start.plusSeconds((long) (random.nextDouble() * span)),
                    amount(random), conditions(random));
            finalOrders.put(order.orderId(), order);
            originals.add(order);
            if (random.nextInt(4) == 0) {
                ComplaintFiled complaint = new ComplaintFiled(doctor, prefix + "C" + i,
                        random.nextBoolean() ? "Correct" : "Incorrect", 1 + random.nextInt(3),
                        start.plusSeconds((long) (random.nextDouble() * span)));
                complaints.add(complaint);
                originals.add(complaint);
            }
        }
        List<Object> shuffled = new ArrayList<>(originals);
        for (Object event : originals) {
            if (random.nextInt(10) == 0) {
                shuffled.add(event);
            }
        }
        Collections.shuffle(shuffled, random);
        sent.addAll(shuffled);
        // corrections come after the orders they correct: same orderId, other amount and conditions
        List<OrderPlaced> all = new ArrayList<>(finalOrders.values());
        for (int i = 0; i < all.size(); i += 20) {
            OrderPlaced o = all.get(i);
            OrderPlaced corrected = new OrderPlaced(o.doctorId(), o.orderId(), o.orderNum(), o.placedAt(),
                    o.amount() == null ? BigDecimal.TEN : o.amount().add(BigDecimal.ONE), conditions(random));
            finalOrders.put(o.orderId(), corrected);
            sent.add(corrected);
        }
    }

    List<OrderPlaced> finalOrders() {
        return List.copyOf(finalOrders.values());
    }

    List<ComplaintFiled> complaints() {
        return List.copyOf(complaints);
    }

    Instant newest() {
        Instant newest = Instant.EPOCH;
        for (OrderPlaced o : finalOrders.values()) {
            newest = o.placedAt().isAfter(newest) ? o.placedAt() : newest;
        }
        for (ComplaintFiled c : complaints) {
            newest = c.filedAt().isAfter(newest) ? c.filedAt() : newest;
        }
        return newest;
    }

    /** About one order in seven has no amount, as orders from files without an Amount column. */
    private static BigDecimal amount(Random random) {
        return random.nextInt(7) == 0 ? null : BigDecimal.valueOf(10 + random.nextInt(5000), 2);
    }

    private static Map<String, Object> conditions(Random random) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("A", random.nextBoolean());
        conditions.put("B", random.nextInt(3) == 0 ? null : random.nextBoolean());
        conditions.put("J", random.nextBoolean() ? "Before" : "After");
        return conditions;
    }

    /**
     * A plain recomputation of every feature of one doctor (DESIGN.md "Per-doctor features") from the
     * truth as of {@code asOf}: only what happened by then counts. The history has no profiles or
     * instructions, so those features are null.
     */
    Map<String, Double> features(String doctorId, Instant asOf) {
        List<OrderPlaced> orders = finalOrders.values().stream()
                .filter(o -> o.doctorId().equals(doctorId) && !o.placedAt().isAfter(asOf)).toList();
        double total = orders.size();
        // amounts are summed and averaged over the orders that have one (docs/architecture.md)
        List<OrderPlaced> priced = orders.stream().filter(o -> o.amount() != null).toList();
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal amount365 = BigDecimal.ZERO;
        for (OrderPlaced o : priced) {
            amount = amount.add(o.amount());
            amount365 = inWindow(o.placedAt(), asOf, 365) ? amount365.add(o.amount()) : amount365;
        }
        java.util.Set<String> months = new java.util.HashSet<>();
        Instant last = null;
        for (OrderPlaced o : orders) {
            if (inWindow(o.placedAt(), asOf, 365)) {
                months.add(o.placedAt().toString().substring(0, 7));
            }
            if (last == null || o.placedAt().isAfter(last)) {
                last = o.placedAt();
            }
        }
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("ordersTotal", total);
        f.put("orders30d", (double) orders.stream().filter(o -> inWindow(o.placedAt(), asOf, 30)).count());
        f.put("orders90d", (double) orders.stream().filter(o -> inWindow(o.placedAt(), asOf, 90)).count());
        f.put("orders365d", (double) orders.stream().filter(o -> inWindow(o.placedAt(), asOf, 365)).count());
        f.put("daysSinceLastOrder", last == null ? null : (double) Duration.between(last, asOf).toDays());
        f.put("amountTotal", priced.isEmpty() ? null : amount.doubleValue());
        f.put("amount365d", priced.isEmpty() ? null : amount365.doubleValue());
        f.put("avgOrderValue", priced.isEmpty() ? null : amount.doubleValue() / priced.size());
        f.put("activeMonths365d", (double) months.size());
        for (String condition : List.of("A", "B", "C", "D", "E", "F", "G", "H", "I")) {
            long trues = orders.stream().filter(o -> Boolean.TRUE.equals(o.conditions().get(condition))).count();
            f.put("conditionShare." + condition, total == 0 ? null : trues / total);
        }
        long jAfter = orders.stream().filter(o -> "After".equals(o.conditions().get("J"))).count();
        f.put("conditionJAfterShare", total == 0 ? null : jAfter / total);

        List<ComplaintFiled> own = complaints.stream()
                .filter(c -> c.doctorId().equals(doctorId) && !c.filedAt().isAfter(asOf)).toList();
        double complaintsTotal = own.stream().mapToInt(ComplaintFiled::qty).sum();
        f.put("complaintsTotal", complaintsTotal);
        f.put("complaints90d", (double) own.stream().filter(c -> inWindow(c.filedAt(), asOf, 90)).mapToInt(ComplaintFiled::qty).sum());
        f.put("complaints365d", (double) own.stream().filter(c -> inWindow(c.filedAt(), asOf, 365)).mapToInt(ComplaintFiled::qty).sum());
        own.forEach(c -> f.merge("complaintsByType." + c.complaintType(), (double) c.qty(), Double::sum));
        f.put("complaintRate", total == 0 ? null : complaintsTotal / total);
        for (String profileFeature : List.of("rankOrdinal", "isSpecialist", "incidenceRate", "rRate", "satisfaction",
                "experience", "purchases", "includesSpecialInstructions")) {
            f.put(profileFeature, null);
        }
        return f;
    }

    /** In the window of {@code days} days that ends at asOf: asOf − days < t ≤ asOf. */
    private static boolean inWindow(Instant t, Instant asOf, int days) {
        return !t.isAfter(asOf) && t.isAfter(asOf.minus(Duration.ofDays(days)));
    }
}
