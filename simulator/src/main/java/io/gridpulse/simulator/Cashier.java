package io.gridpulse.simulator;

import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.streams.Topics;
import java.util.SplittableRandom;

/**
 * Receives payments through the utility's channels and posts them to the customer's ledger. Urban
 * customers mostly pay by phone (WeChat, Alipay, the app); rural ones still use counters and
 * agents.
 */
final class Cashier {

    private static final WeightedChoice<PaymentChannel> URBAN =
            WeightedChoice.<PaymentChannel>builder()
                    .add(PaymentChannel.COUNTER, 4)
                    .add(PaymentChannel.BANK, 8)
                    .add(PaymentChannel.APP, 22)
                    .add(PaymentChannel.WECHAT, 30)
                    .add(PaymentChannel.ALIPAY, 24)
                    .add(PaymentChannel.AGENT, 4)
                    .add(PaymentChannel.TERMINAL, 8)
                    .build();
    private static final WeightedChoice<PaymentChannel> RURAL =
            WeightedChoice.<PaymentChannel>builder()
                    .add(PaymentChannel.COUNTER, 20)
                    .add(PaymentChannel.BANK, 14)
                    .add(PaymentChannel.APP, 8)
                    .add(PaymentChannel.WECHAT, 22)
                    .add(PaymentChannel.ALIPAY, 8)
                    .add(PaymentChannel.AGENT, 18)
                    .add(PaymentChannel.TERMINAL, 10)
                    .build();
    private static final WeightedChoice<PaymentChannel> ONLINE =
            WeightedChoice.<PaymentChannel>builder()
                    .add(PaymentChannel.APP, 35)
                    .add(PaymentChannel.WECHAT, 40)
                    .add(PaymentChannel.ALIPAY, 25)
                    .build();

    private final TickBuffer out;
    private final Agenda agenda;

    Cashier(TickBuffer out, Agenda agenda) {
        this.out = out;
        this.agenda = agenda;
    }

    /** The channel this customer picks for a payment, by area. */
    PaymentChannel usualChannel(Household household) {
        return (household.rural() ? RURAL : URBAN).pick(household.random());
    }

    /** The channel a customer of this area picks, drawn from the given generator. */
    static PaymentChannel usualChannel(boolean rural, SplittableRandom random) {
        return (rural ? RURAL : URBAN).pick(random);
    }

    /** The channel of a prepayment top-up, always online. */
    PaymentChannel onlineChannel(Household household) {
        return ONLINE.pick(household.random());
    }

    void pay(Household household, long at, long cents, PaymentChannel channel) {
        agenda.at(at, () -> receive(household, at, cents, channel));
    }

    /** Schedules a payment of whatever the customer owes at that moment, if anything. */
    void payBalance(Household household, long at, PaymentChannel channel) {
        agenda.at(
                at,
                () -> {
                    long owed = household.account().balanceCents();
                    if (owed > 0) {
                        receive(household, at, owed, channel);
                    }
                });
    }

    private void receive(Household household, long at, long cents, PaymentChannel channel) {
        String customerId = household.customerId();
        out.emit(
                Topics.PAYMENTS,
                customerId,
                Records.payment(household.nextId('P'), customerId, cents, channel, at),
                at);
        household.account().credit(cents);
    }
}
