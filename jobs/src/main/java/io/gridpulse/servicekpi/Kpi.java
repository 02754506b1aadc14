package io.gridpulse.servicekpi;

/**
 * The ranked and unranked KPIs of the service-KPI job, with the direction of "better" for each: the
 * one place the ranking takes it from. Every KPI row carries its direction in {@code better}. The
 * complaint mix ({@code complaints_<category>}) and payment mix ({@code payments_<channel>}) rows
 * are generated per enum symbol and never ranked.
 */
public enum Kpi {
    COMPLAINTS("complaints", Better.LOWER),
    COMPLAINTS_PER_10K("complaints_per_10k", Better.LOWER),
    COMPLAINTS_VERIFIED("complaints_verified", Better.LOWER),
    VERIFIED_RATE("verified_rate", Better.LOWER),
    ARREARS_DISCONNECTION_SHARE("arrears_disconnection_share", Better.LOWER),
    REPEAT_COMPLAINTS("repeat_complaints", Better.LOWER),
    FIRST_RESPONSE_P50_S("first_response_p50_s", Better.LOWER),
    FIRST_RESPONSE_P90_S("first_response_p90_s", Better.LOWER),
    RESOLUTION_P50_S("resolution_p50_s", Better.LOWER),
    RESOLUTION_P90_S("resolution_p90_s", Better.LOWER),
    OVERDUE_COMPLAINTS("overdue_complaints", Better.LOWER),
    ACTIVE_CUSTOMERS("active_customers", Better.NONE),
    CONTACT_VERIFIED_RATE("contact_verified_rate", Better.HIGHER),
    SMS_BINDING_RATE("sms_binding_rate", Better.HIGHER),
    WECHAT_BINDING_RATE("wechat_binding_rate", Better.HIGHER),
    DUNNING_NOTICES("dunning_notices", Better.NONE),
    REMOTE_DUNNING_SHARE("remote_dunning_share", Better.HIGHER),
    NOTICES_PER_ARREARS_CASE("notices_per_arrears_case", Better.NONE),
    PAYMENTS("payments", Better.NONE),
    ELECTRONIC_PAYMENT_SHARE("electronic_payment_share", Better.HIGHER),
    PAYMENT_CHANNELS_IN_USE("payment_channels_in_use", Better.HIGHER),
    COLLECTION_SUCCESS_RATE("collection_success_rate", Better.HIGHER);

    private final String column;
    private final Better better;

    Kpi(String column, Better better) {
        this.column = column;
        this.better = better;
    }

    /** The value of the {@code kpi} column. */
    public String id() {
        return column;
    }

    public Better better() {
        return better;
    }

    public static String complaintCategory(String category) {
        return "complaints_" + category.toLowerCase(java.util.Locale.ROOT);
    }

    public static String paymentChannel(String channel) {
        return "payments_" + channel.toLowerCase(java.util.Locale.ROOT);
    }
}
