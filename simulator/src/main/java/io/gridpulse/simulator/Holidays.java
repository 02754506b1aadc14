package io.gridpulse.simulator;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * Public holidays of the city's calendar (China's: fixed dates plus the lunar Spring Festival and
 * Qingming weeks of 2025-2027). Households, shops and industry use a holiday like a Sunday.
 */
final class Holidays {

    private static final Set<MonthDay> FIXED =
            Set.of(
                    MonthDay.of(1, 1),
                    MonthDay.of(5, 1),
                    MonthDay.of(5, 2),
                    MonthDay.of(5, 3),
                    MonthDay.of(5, 4),
                    MonthDay.of(5, 5),
                    MonthDay.of(10, 1),
                    MonthDay.of(10, 2),
                    MonthDay.of(10, 3),
                    MonthDay.of(10, 4),
                    MonthDay.of(10, 5),
                    MonthDay.of(10, 6),
                    MonthDay.of(10, 7));

    /** First day and length of the Spring Festival and Qingming holidays by year. */
    private static final LocalDate[] MOVABLE = {
        LocalDate.of(2025, 1, 28), LocalDate.of(2025, 4, 4),
        LocalDate.of(2026, 2, 15), LocalDate.of(2026, 4, 4),
        LocalDate.of(2027, 2, 5), LocalDate.of(2027, 4, 3)
    };

    private static final int[] MOVABLE_DAYS = {8, 3, 9, 3, 8, 3};

    private Holidays() {}

    static boolean isHoliday(LocalDate date) {
        if (FIXED.contains(MonthDay.from(date))) {
            return true;
        }
        for (int i = 0; i < MOVABLE.length; i++) {
            if (!date.isBefore(MOVABLE[i]) && date.isBefore(MOVABLE[i].plusDays(MOVABLE_DAYS[i]))) {
                return true;
            }
        }
        return false;
    }

    /** Day of week for the load profiles (0 = Monday): Sunday on a holiday. */
    static int dayOfWeek(LocalDate date) {
        return isHoliday(date) ? 6 : date.getDayOfWeek().getValue() - 1;
    }
}
