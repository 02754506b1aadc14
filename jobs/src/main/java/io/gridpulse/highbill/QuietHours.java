package io.gridpulse.highbill;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Local hours in which no message goes out, e.g. 21:00-08:00 (over midnight) or 12:00-14:00. A
 * message due in them waits for their end.
 */
public record QuietHours(LocalTime from, LocalTime until) implements Serializable {

    public static QuietHours parse(String raw) {
        String[] parts = raw.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "expected quiet hours like 21:00-08:00, got '" + raw + "'");
        }
        try {
            return new QuietHours(
                    LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "expected quiet hours like 21:00-08:00, got '" + raw + "'");
        }
    }

    public boolean contains(LocalTime time) {
        if (from.equals(until)) {
            return false;
        }
        return from.isBefore(until)
                ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until);
    }

    /** The first instant at or after {@code time} outside the quiet hours. */
    public long nextSendTime(long time, ZoneId zone) {
        ZonedDateTime local = Instant.ofEpochMilli(time).atZone(zone);
        if (!contains(local.toLocalTime())) {
            return time;
        }
        ZonedDateTime end = local.toLocalDate().atTime(until).atZone(zone);
        if (!end.isAfter(local)) {
            end = local.toLocalDate().plusDays(1).atTime(until).atZone(zone);
        }
        return end.toInstant().toEpochMilli();
    }
}
