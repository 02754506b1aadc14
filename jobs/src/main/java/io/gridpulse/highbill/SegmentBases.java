package io.gridpulse.highbill;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The typical monthly bill of each customer segment, CNY: the comparison base of a customer who has
 * no bill for the same period last year (new, or moved in).
 */
public record SegmentBases(Map<String, BigDecimal> monthly) implements Serializable {

    public static SegmentBases parse(String raw) {
        Map<String, BigDecimal> monthly = new LinkedHashMap<>();
        for (String pair : raw.split(",")) {
            String[] kv = pair.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "expected SEGMENT=CNY pairs like RESIDENT=130,SHOP=900, got '" + raw + "'");
            }
            monthly.put(kv[0].trim(), HighBillKeys.nonNegativeDecimal(kv[1].trim()));
        }
        if (!monthly.containsKey("UNKNOWN")) {
            throw new IllegalArgumentException(
                    "the typical bills need an UNKNOWN entry for customers of no known segment");
        }
        return new SegmentBases(Map.copyOf(monthly));
    }

    /** The typical bill of a period of {@code months} months. */
    public BigDecimal of(String segment, int months) {
        return monthly.getOrDefault(segment, monthly.get("UNKNOWN"))
                .multiply(BigDecimal.valueOf(months));
    }
}
