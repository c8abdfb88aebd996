package com.orthoseg.ingest.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orthoseg.ingest.EventKind;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The columns of the Datacamp CSV files and how each cell becomes a field of the JSON record that
 * the validators check. The quirks of the real files live here: {@code null} tokens (read as null by
 * the parser), Satisfaction {@code "--"}, numbers in quotes, Yes/No instructions.
 */
final class DatacampColumns {

    enum Type { TEXT, NUMBER, SATISFACTION, BOOLEAN, YES_NO }

    record Column(String header, String field, Type type, boolean required) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DatacampColumns() {
    }

    static List<Column> of(EventKind kind) {
        return switch (kind) {
            case DOCTORS -> List.of(
                    new Column("DoctorID", "doctorId", Type.TEXT, true),
                    new Column("Region", "region", Type.TEXT, false),
                    new Column("Category", "category", Type.TEXT, false),
                    new Column("Rank", "rank", Type.TEXT, false),
                    new Column("Incidence rate", "incidenceRate", Type.NUMBER, false),
                    new Column("R rate", "rRate", Type.NUMBER, false),
                    new Column("Satisfaction", "satisfaction", Type.SATISFACTION, false),
                    new Column("Experience", "experience", Type.NUMBER, false),
                    new Column("Purchases", "purchases", Type.NUMBER, false),
                    new Column("UpdatedAt", "updatedAt", Type.TEXT, false));
            case ORDERS -> List.of(
                    new Column("DoctorID", "doctorId", Type.TEXT, true),
                    new Column("OrderID", "orderId", Type.TEXT, true),
                    new Column("OrderNum", "orderNum", Type.TEXT, false),
                    condition("A"), condition("B"), condition("C"), condition("D"), condition("E"),
                    condition("F"), condition("G"), condition("H"), condition("I"),
                    new Column("Condition J", "conditions.J", Type.TEXT, false),
                    new Column("PlacedAt", "placedAt", Type.TEXT, false),
                    new Column("Amount", "amount", Type.NUMBER, false));
            case COMPLAINTS -> List.of(
                    new Column("DoctorID", "doctorId", Type.TEXT, true),
                    new Column("ComplaintID", "complaintId", Type.TEXT, false),
                    new Column("Complaint Type", "complaintType", Type.TEXT, true),
                    new Column("Qty", "qty", Type.NUMBER, true),
                    new Column("FiledAt", "filedAt", Type.TEXT, false));
            case INSTRUCTIONS -> List.of(
                    new Column("DoctorID", "doctorId", Type.TEXT, true),
                    new Column("Instructions", "includesSpecialInstructions", Type.YES_NO, true),
                    new Column("UpdatedAt", "updatedAt", Type.TEXT, false));
        };
    }

    private static Column condition(String letter) {
        return new Column("Condition " + letter, "conditions." + letter, Type.BOOLEAN, false);
    }

    /**
     * Puts one cell into the record. Returns an error message when the cell cannot be read as its
     * column's type; the field is then left out.
     */
    static String put(ObjectNode record, Column column, String cell) {
        if (cell == null || cell.isEmpty()) {
            target(record, column.field()).putNull(leaf(column.field()));
            return null;
        }
        JsonNode value = switch (column.type()) {
            case TEXT -> JSON.textNode(cell);
            case NUMBER -> number(cell);
            case SATISFACTION -> cell.equals("--") ? null : number(cell);
            case BOOLEAN -> bool(cell, "true", "false");
            case YES_NO -> bool(cell, "yes", "no");
        };
        if (value == null && !(column.type() == Type.SATISFACTION && cell.equals("--"))) {
            return switch (column.type()) {
                case NUMBER, SATISFACTION -> "expected a number, got \"" + abbreviate(cell) + "\"";
                case BOOLEAN -> "expected true, false or null, got \"" + abbreviate(cell) + "\"";
                case YES_NO -> "expected Yes or No, got \"" + abbreviate(cell) + "\"";
                case TEXT -> throw new IllegalStateException("text always converts");
            };
        }
        if (value != null) {
            target(record, column.field()).set(leaf(column.field()), value);
        }
        return null;
    }

    private static ObjectNode target(ObjectNode record, String field) {
        int dot = field.indexOf('.');
        return dot < 0 ? record : record.withObjectProperty(field.substring(0, dot));
    }

    private static String leaf(String field) {
        return field.substring(field.indexOf('.') + 1);
    }

    private static JsonNode number(String cell) {
        try {
            return JSON.numberNode(Long.parseLong(cell));
        } catch (NumberFormatException notWhole) {
            try {
                return JSON.numberNode(new BigDecimal(cell));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
    }

    private static JsonNode bool(String cell, String yes, String no) {
        String lower = cell.toLowerCase(Locale.ROOT);
        if (lower.equals(yes)) {
            return JSON.booleanNode(true);
        }
        return lower.equals(no) ? JSON.booleanNode(false) : null;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
