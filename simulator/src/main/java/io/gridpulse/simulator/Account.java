package io.gridpulse.simulator;

/**
 * A customer's account with the utility: billing day, tariff, the arrears ledger (bills minus
 * payments), contact data and agreements. Mutable; only the customer's own events change it.
 */
final class Account {

    private final int billingDay;
    private final int tariffPerTenThousandKwh;
    private final boolean phone;
    private final boolean contactVerified;
    private final boolean smsBound;
    private boolean wechatBound;
    private boolean prepayment;
    private boolean autoDebit;
    private boolean inArrearsCase;
    private boolean highBillOptOut;
    private long balanceCents;
    private long billedUpToMilli;
    private int sequence;

    Account(
            int billingDay,
            int tariffPerTenThousandKwh,
            boolean phone,
            boolean contactVerified,
            boolean smsBound,
            boolean wechatBound,
            boolean prepayment,
            boolean autoDebit,
            long billedUpToMilli) {
        this.billingDay = billingDay;
        this.tariffPerTenThousandKwh = tariffPerTenThousandKwh;
        this.phone = phone;
        this.contactVerified = contactVerified;
        this.smsBound = smsBound;
        this.wechatBound = wechatBound;
        this.prepayment = prepayment;
        this.autoDebit = autoDebit;
        this.billedUpToMilli = billedUpToMilli;
    }

    /** Day of month (1 to 28) the monthly bill is issued on. */
    int billingDay() {
        return billingDay;
    }

    /** Amount for an energy at this account's tariff, rounded to the fen. */
    long amountCents(long milliKwh) {
        // milli-kWh × (CNY/10 000 per kWh) = 10⁻⁷ CNY; 10⁵ of those make a fen
        return Math.round(milliKwh * (double) tariffPerTenThousandKwh / 100_000.0);
    }

    boolean hasPhone() {
        return phone;
    }

    boolean contactVerified() {
        return contactVerified;
    }

    boolean smsBound() {
        return smsBound;
    }

    boolean wechatBound() {
        return wechatBound;
    }

    void bindWechat() {
        wechatBound = true;
    }

    boolean prepayment() {
        return prepayment;
    }

    boolean autoDebit() {
        return autoDebit;
    }

    boolean hasAgreement() {
        return prepayment || autoDebit;
    }

    void signPrepayment() {
        prepayment = true;
    }

    void signAutoDebit() {
        autoDebit = true;
    }

    boolean highBillOptOut() {
        return highBillOptOut;
    }

    void optOutOfHighBillAlerts() {
        highBillOptOut = true;
    }

    /** Marks a customer whose arrears story is scripted by a service case: habits do not apply. */
    void enterArrearsCase() {
        inArrearsCase = true;
    }

    boolean inArrearsCase() {
        return inArrearsCase;
    }

    /** Bills minus payments, in fen; positive means the customer owes money. */
    long balanceCents() {
        return balanceCents;
    }

    void charge(long cents) {
        balanceCents += cents;
    }

    void credit(long cents) {
        balanceCents -= cents;
    }

    /** The household's true cumulative consumption the last bill covered. */
    long billedUpToMilli() {
        return billedUpToMilli;
    }

    void billedUpTo(long consumedMilli) {
        billedUpToMilli = consumedMilli;
    }

    int nextSequence() {
        return ++sequence;
    }
}
