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
                    BigDecimal.valueOf(10 + random.nextInt(5000), 2), conditions(random));
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
                    o.amount().add(BigDecimal.ONE), conditions(random));
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

    private static Map<String, Object> conditions(Random random) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("A", random.nextBoolean());
        conditions.put("B", random.nextInt(3) == 0 ? null : random.nextBoolean());
        conditions.put("J", random.nextBoolean() ? "Before" : "After");
        return conditions;
    }

    /** A plain recomputation of the window features of one doctor as of an instant, from the truth. */
    Map<String, Double> windowFeatures(String doctorId, Instant asOf) {
        double total = 0;
        double d30 = 0;
        double d90 = 0;
        double d365 = 0;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal amount365 = BigDecimal.ZERO;
        double conditionA = 0;
        java.util.Set<String> months = new java.util.HashSet<>();
        for (OrderPlaced o : finalOrders.values()) {
            if (!o.doctorId().equals(doctorId)) {
                continue;
            }
            total++;
            long ageSeconds = Duration.between(o.placedAt(), asOf).toSeconds();
            boolean inFuture = ageSeconds < 0;
            d30 += !inFuture && ageSeconds < Duration.ofDays(30).toSeconds() ? 1 : 0;
            d90 += !inFuture && ageSeconds < Duration.ofDays(90).toSeconds() ? 1 : 0;
            boolean inYear = !inFuture && ageSeconds < Duration.ofDays(365).toSeconds();
            d365 += inYear ? 1 : 0;
            amount = amount.add(o.amount());
            if (inYear) {
                amount365 = amount365.add(o.amount());
                months.add(o.placedAt().toString().substring(0, 7));
            }
            conditionA += Boolean.TRUE.equals(o.conditions().get("A")) ? 1 : 0;
        }
        double complaintsTotal = 0;
        double c90 = 0;
        for (ComplaintFiled c : complaints) {
            if (c.doctorId().equals(doctorId)) {
                complaintsTotal += c.qty();
                long ageSeconds = Duration.between(c.filedAt(), asOf).toSeconds();
                c90 += ageSeconds >= 0 && ageSeconds < Duration.ofDays(90).toSeconds() ? c.qty() : 0;
            }
        }
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("ordersTotal", total);
        f.put("orders30d", d30);
        f.put("orders90d", d90);
        f.put("orders365d", d365);
        f.put("amountTotal", total == 0 ? null : amount.doubleValue());
        f.put("amount365d", total == 0 ? null : amount365.doubleValue());
        f.put("activeMonths365d", (double) months.size());
        f.put("conditionShare.A", total == 0 ? null : conditionA / total);
        f.put("complaintsTotal", complaintsTotal);
        f.put("complaints90d", c90);
        return f;
    }
}
