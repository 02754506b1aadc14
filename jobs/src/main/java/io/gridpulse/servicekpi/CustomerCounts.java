package io.gridpulse.servicekpi;

/**
 * What a customer adds to its unit's counts: active, contact verified, SMS bound, WeChat bound,
 * rural, and the reads its meter is expected to deliver per day. Kept as a {@code long[]} in state.
 */
public final class CustomerCounts {

    public static final int ACTIVE = 0;
    public static final int CONTACT_VERIFIED = 1;
    public static final int SMS_BOUND = 2;
    public static final int WECHAT_BOUND = 3;
    public static final int RURAL = 4;
    public static final int EXPECTED_READS_PER_DAY = 5;
    public static final int SIZE = 6;

    private CustomerCounts() {}

    public static long[] of(CustomerProfile p) {
        long[] c = new long[SIZE];
        if (p == null || !p.active) {
            return c;
        }
        c[ACTIVE] = 1;
        c[CONTACT_VERIFIED] = p.contactVerified ? 1 : 0;
        c[SMS_BOUND] = p.smsBound ? 1 : 0;
        c[WECHAT_BOUND] = p.wechatBound ? 1 : 0;
        c[RURAL] = p.rural ? 1 : 0;
        c[EXPECTED_READS_PER_DAY] = p.readIntervalMinutes > 0 ? 1440 / p.readIntervalMinutes : 0;
        return c;
    }

    public static long[] negate(long[] c) {
        long[] n = new long[c.length];
        for (int i = 0; i < c.length; i++) {
            n[i] = -c[i];
        }
        return n;
    }

    public static void add(long[] into, long[] c) {
        for (int i = 0; i < into.length; i++) {
            into[i] += c[i];
        }
    }

    public static boolean isZero(long[] c) {
        for (long v : c) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
