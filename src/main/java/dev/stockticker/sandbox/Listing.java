package dev.stockticker.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the v1 reference lists (splits, dividends) share: filters on their fields ({@code name},
 * {@code name.any_of} and the ranges {@code .gt/.gte/.lt/.lte}), {@code sort}, {@code limit} and
 * next_url paging. The cursor carries the whole query and the offset of the next page, so a
 * client follows next_url as it is (adding only its key). An unknown parameter is a 400: a
 * misspelt filter would otherwise quietly list everything.
 */
final class Listing<T> {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 5000;
    private static final Set<String> NOT_FILTERS = Set.of("apiKey", "cursor", "limit", "sort", "offset");
    private static final Set<String> OPERATORS = Set.of("any_of", "gt", "gte", "lt", "lte");

    enum Type { TEXT, DATE, NUMBER }

    /** A sortable field, filterable unless said; its value is a String, LocalDate or Number as its type says. */
    record Field<T>(String name, Type type, Function<T, Object> value, boolean filterable) {
        Field(String name, Type type, Function<T, Object> value) {
            this(name, type, value, true);
        }
    }

    @FunctionalInterface
    interface Writer<T> {
        void write(JsonGenerator g, T row) throws IOException;
    }

    private final Map<String, Field<T>> fields = new LinkedHashMap<>();
    private final String defaultSort;
    private final Comparator<T> tiebreak;
    private final Links links;
    private final int pageSize;

    /** {@code tiebreak} orders rows the sort leaves equal, so pages never shuffle between requests. */
    Listing(Links links, int pageSize, String defaultSort, Comparator<T> tiebreak, List<Field<T>> fields) {
        this.links = links;
        this.pageSize = pageSize;
        this.defaultSort = defaultSort;
        this.tiebreak = tiebreak;
        fields.forEach(f -> this.fields.put(f.name(), f));
    }

    void serve(Http.Call call, List<T> rows, Writer<T> writer) throws IOException, BadRequest {
        Map<String, String> q = call.query();
        if (q.containsKey("cursor")) q = Params.parse(links.decode(q.get("cursor")));
        int limit = limit(q.get("limit"));
        int offset = q.containsKey("offset") ? Math.max(0, Params.integer(q.get("offset"), "offset")) : 0;
        List<T> matching = rows.stream().filter(filter(q)).sorted(order(q.getOrDefault("sort", defaultSort)))
                .toList();
        int end = Math.min(matching.size(), offset + Math.min(limit, pageSize));
        List<T> page = offset >= end ? List.of() : matching.subList(offset, end);
        String next = null;
        if (end < matching.size()) {
            Map<String, String> rest = new HashMap<>(q);
            rest.remove("apiKey");
            rest.put("offset", Integer.toString(end));
            next = links.baseUrl() + call.rawPath() + "?cursor=" + Params.encode(links.encode(Params.format(rest)));
        }
        String nextUrl = next;
        Http.send(call.exchange(), 200, g -> {
            g.writeStringField("request_id", Http.requestId());
            g.writeArrayFieldStart("results");
            for (T row : page) writer.write(g, row);
            g.writeEndArray();
            g.writeStringField("status", "OK");
            if (nextUrl != null) g.writeStringField("next_url", nextUrl);
        });
    }

    private static int limit(String v) throws BadRequest {
        if (v == null) return DEFAULT_LIMIT;
        int n = Params.integer(v, "limit");
        if (n < 1 || n > MAX_LIMIT) throw new BadRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + n);
        return n;
    }

    private Predicate<T> filter(Map<String, String> q) throws BadRequest {
        Predicate<T> all = row -> true;
        for (Map.Entry<String, String> e : q.entrySet()) {
            if (NOT_FILTERS.contains(e.getKey())) continue;
            all = all.and(condition(e.getKey(), e.getValue()));
        }
        return all;
    }

    private Predicate<T> condition(String key, String raw) throws BadRequest {
        int dot = key.lastIndexOf('.');
        String op = dot < 0 ? "eq" : key.substring(dot + 1);
        Field<T> field = fields.get(dot < 0 ? key : key.substring(0, dot));
        if (field == null || !field.filterable() || (dot >= 0 && !OPERATORS.contains(op))) {
            throw new BadRequest("Unknown parameter '" + key + "'; filters are "
                    + fields.values().stream().filter(Field::filterable).map(Field::name).toList()
                    + " with optional ." + OPERATORS);
        }
        if (op.equals("any_of")) {
            Set<Object> wanted = new HashSet<>();
            for (String one : raw.split(",")) wanted.add(parse(field, one.trim()));
            return row -> wanted.contains(normalized(field.value().apply(row)));
        }
        Object bound = parse(field, raw);
        return row -> {
            Object v = normalized(field.value().apply(row));
            if (v == null) return false;
            int c = compare(v, bound);
            return switch (op) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                case "lte" -> c <= 0;
                default -> c == 0;
            };
        };
    }

    private static Object parse(Field<?> field, String raw) throws BadRequest {
        switch (field.type()) {
            case DATE:
                return Params.date(raw, field.name());
            case NUMBER:
                try {
                    return Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    throw new BadRequest(field.name() + " must be a number, got " + raw);
                }
            default:
                return raw;
        }
    }

    /** Numbers compare as doubles whatever their boxed type. */
    private static Object normalized(Object v) {
        return v instanceof Number n ? (Object) n.doubleValue() : v;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private Comparator<T> order(String sort) throws BadRequest {
        Comparator<T> order = null;
        for (String part : sort.split(",")) {
            String p = part.trim();
            boolean desc = p.endsWith(".desc");
            String name = p.endsWith(".asc") || desc ? p.substring(0, p.lastIndexOf('.')) : p;
            Field<T> field = fields.get(name);
            if (field == null) throw new BadRequest("Cannot sort by '" + p + "'; columns are " + fields.keySet());
            Comparator<Object> values = desc ? Listing::compareDescending : Listing::compare;
            // Rows without the value go last either way, as they would in a database's NULLS LAST.
            Comparator<T> by = Comparator.comparing(row -> normalized(field.value().apply(row)),
                    Comparator.nullsLast(values));
            order = order == null ? by : order.thenComparing(by);
        }
        return order.thenComparing(tiebreak);
    }

    private static int compareDescending(Object a, Object b) {
        return compare(b, a);
    }

}
