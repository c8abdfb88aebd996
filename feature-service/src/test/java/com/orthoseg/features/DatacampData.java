package com.orthoseg.features;

import com.orthoseg.events.ComplaintFiled;
import com.orthoseg.events.DoctorCategory;
import com.orthoseg.events.DoctorProfile;
import com.orthoseg.events.DoctorRank;
import com.orthoseg.events.InstructionsPreference;
import com.orthoseg.events.OrderPlaced;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Datacamp files as contract events (the way ingest-service publishes them: every record imported
 * at {@link #IMPORTED}, orders without amounts), and every doctor's features computed independently
 * from the CSV rows as of {@link #NOW}. Shared as a test fixture (this module's test-jar): segment-service
 * tests start from these features, and the system tests compare them with what the files imported
 * through ingest-service give.
 */
public final class DatacampData {

    public static final Instant IMPORTED = Instant.parse("2026-01-10T09:00:00Z");
    public static final Instant NOW = IMPORTED.plus(Duration.ofDays(10));
    private static final Path DATACAMP = Path.of(System.getProperty("datacamp.dir", "../../shared/datasets/datacamp"));
    private static final String[] CONDITIONS = {"A", "B", "C", "D", "F", "G", "H", "I"};
    /** The dataset README's rank order, lowest first, numbered as DESIGN.md's rankOrdinal. */
    private static final List<String> RANKS = List.of("Silver", "Silver Plus", "Gold", "Gold Plus", "Platinum",
            "Platinum Plus", "Titanium", "Titanium Plus", "Ambassador");

    private DatacampData() {
    }

    public static DoctorProfile profile(List<String> r) {
        return new DoctorProfile(r.get(0), r.get(1),
                r.get(2).equals("Specialist") ? DoctorCategory.SPECIALIST : DoctorCategory.GENERAL_PRACTITIONER,
                r.get(3) == null ? null : DoctorRank.parse(r.get(3)).orElseThrow(), number(r.get(4)), number(r.get(5)),
                r.get(6).equals("--") ? null : number(r.get(6)), number(r.get(7)), Integer.valueOf(r.get(8)), IMPORTED);
    }

    public static OrderPlaced order(List<String> r) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        for (int i = 0; i < CONDITIONS.length; i++) {
            conditions.put(CONDITIONS[i], r.get(3 + i) == null ? null : Boolean.valueOf(r.get(3 + i)));
        }
        conditions.put("J", r.get(11));
        return new OrderPlaced(r.get(0), r.get(1), r.get(2), IMPORTED, null, conditions);
    }

    public static InstructionsPreference instructions(List<String> r) {
        return new InstructionsPreference(r.get(0), r.get(1).equals("Yes"), IMPORTED);
    }

    public static ComplaintFiled complaint(List<String> r) {
        return new ComplaintFiled(r.get(0), r.get(0) + ":" + r.get(1), r.get(1), Integer.parseInt(r.get(2)), IMPORTED);
    }

    /**
     * Every doctor of the four files (647), with the features by their definitions computed from the rows:
     * every event 10 days old, no amounts.
     */
    public static Map<String, Map<String, Double>> expectedFeatures() throws IOException {
        return expected(rows("doctors"), rows("orders"), rows("complaints"), rows("instructions"));
    }

    private static Map<String, Map<String, Double>> expected(List<List<String>> doctors, List<List<String>> orders,
                                                             List<List<String>> complaints, List<List<String>> instructions) {
        Map<String, List<String>> profiles = new HashMap<>();
        doctors.forEach(r -> profiles.put(r.get(0), r));
        Map<String, Map<String, List<String>>> ordersByDoctor = new HashMap<>();
        orders.forEach(r -> ordersByDoctor.computeIfAbsent(r.get(0), d -> new LinkedHashMap<>()).put(r.get(1), r));
        Map<String, Map<String, Integer>> complaintsByDoctor = new HashMap<>();
        complaints.stream().filter(r -> r.get(1) != null).forEach(r -> complaintsByDoctor
                .computeIfAbsent(r.get(0), d -> new TreeMap<>()).merge(r.get(1), Integer.parseInt(r.get(2)), Integer::sum));
        Map<String, Boolean> instructed = new HashMap<>();
        instructions.forEach(r -> instructed.put(r.get(0), r.get(1).equals("Yes")));

        Set<String> ids = new TreeSet<>(profiles.keySet());
        ids.addAll(ordersByDoctor.keySet());
        ids.addAll(complaintsByDoctor.keySet());
        ids.addAll(instructed.keySet());
        Map<String, Map<String, Double>> all = new LinkedHashMap<>();
        for (String id : ids) {
            Map<String, Double> f = new HashMap<>();
            List<List<String>> own = new ArrayList<>(ordersByDoctor.getOrDefault(id, Map.of()).values());
            int n = own.size();
            f.put("ordersTotal", (double) n);
            f.put("orders30d", (double) n);
            f.put("orders90d", (double) n);
            f.put("orders365d", (double) n);
            f.put("daysSinceLastOrder", n == 0 ? null : 10.0);
            f.put("amountTotal", null);
            f.put("amount365d", null);
            f.put("avgOrderValue", null);
            f.put("activeMonths365d", n == 0 ? 0.0 : 1.0);
            for (int i = 0; i < CONDITIONS.length; i++) {
                int column = 3 + i;
                long trues = own.stream().filter(r -> "true".equals(r.get(column))).count();
                f.put("conditionShare." + CONDITIONS[i], n == 0 ? null : trues / (double) n);
            }
            f.put("conditionShare.E", n == 0 ? null : 0.0);
            f.put("conditionJAfterShare", n == 0 ? null : own.stream().filter(r -> "After".equals(r.get(11))).count() / (double) n);
            Map<String, Integer> byType = complaintsByDoctor.getOrDefault(id, Map.of());
            int complaintsTotal = byType.values().stream().mapToInt(Integer::intValue).sum();
            f.put("complaintsTotal", (double) complaintsTotal);
            f.put("complaints90d", (double) complaintsTotal);
            f.put("complaints365d", (double) complaintsTotal);
            byType.forEach((type, qty) -> f.put("complaintsByType." + type, (double) qty));
            f.put("complaintRate", n == 0 ? null : complaintsTotal / (double) n);
            List<String> p = profiles.get(id);
            f.put("rankOrdinal", p == null || p.get(3) == null ? null : (double) RANKS.indexOf(p.get(3)) + 1);
            f.put("isSpecialist", p == null ? null : p.get(2).equals("Specialist") ? 1.0 : 0.0);
            f.put("incidenceRate", p == null ? null : number(p.get(4)));
            f.put("rRate", p == null ? null : number(p.get(5)));
            f.put("satisfaction", p == null || p.get(6).equals("--") ? null : number(p.get(6)));
            f.put("experience", p == null ? null : number(p.get(7)));
            f.put("purchases", p == null ? null : number(p.get(8)));
            f.put("includesSpecialInstructions", instructed.containsKey(id) ? (instructed.get(id) ? 1.0 : 0.0) : null);
            all.put(id, f);
        }
        return all;
    }

    /** Every doctor's coverage flags: which of the four files have a row for the doctor. */
    public static Map<String, Map<String, Boolean>> expectedCoverage() throws IOException {
        Set<String> profiled = doctorsIn("doctors");
        Set<String> ordered = doctorsIn("orders");
        Set<String> complained = new TreeSet<>();
        rows("complaints").stream().filter(r -> r.get(1) != null).forEach(r -> complained.add(r.get(0)));
        Set<String> instructed = doctorsIn("instructions");
        Set<String> ids = new TreeSet<>(profiled);
        ids.addAll(ordered);
        ids.addAll(complained);
        ids.addAll(instructed);
        Map<String, Map<String, Boolean>> all = new LinkedHashMap<>();
        for (String id : ids) {
            all.put(id, Map.of("hasProfile", profiled.contains(id), "hasOrders", ordered.contains(id),
                    "hasComplaints", complained.contains(id), "hasInstructions", instructed.contains(id)));
        }
        return all;
    }

    private static Set<String> doctorsIn(String file) throws IOException {
        Set<String> doctors = new TreeSet<>();
        rows(file).forEach(r -> doctors.add(r.get(0)));
        return doctors;
    }

    private static Double number(String text) {
        return text == null ? null : Double.valueOf(text);
    }

    /** The data rows of a Datacamp file, cells unquoted, the token null as null. */
    public static List<List<String>> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(DATACAMP.resolve(file + ".csv"));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new ArrayList<>();
            for (String cell : line.split(",", -1)) {
                cells.add(cell.equals("null") ? null : cell.replace("\"", ""));
            }
            rows.add(cells);
        }
        return rows;
    }
}
