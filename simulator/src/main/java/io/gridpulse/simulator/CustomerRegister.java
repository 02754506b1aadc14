package io.gridpulse.simulator;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.streams.Topics;
import java.util.SplittableRandom;

/**
 * The customer master data: publishes a customer's full record on {@code customers} whenever it
 * changes. Now and then a customer binds WeChat or signs a prepayment or auto-debit agreement.
 */
final class CustomerRegister {

    private static final double DAILY_AGREEMENT_CHANCE = 0.0004;
    private static final double DAILY_WECHAT_BINDING_CHANCE = 0.001;

    private final TickBuffer out;
    private final Agenda agenda;
    private final City city;

    CustomerRegister(TickBuffer out, Agenda agenda, City city) {
        this.out = out;
        this.agenda = agenda;
        this.city = city;
    }

    /** Emits the customer's current record. */
    void publish(Household household, long at) {
        out.emit(
                Topics.CUSTOMERS,
                household.customerId(),
                Records.customer(household, city, at),
                at);
    }

    /** Decides whether the customer changes anything today. */
    void planDay(Household household, long from, long to) {
        SplittableRandom random = household.random();
        double change = random.nextDouble();
        long at = from + (long) (random.nextDouble() * (to - from));
        Account account = household.account();
        if (change < DAILY_AGREEMENT_CHANCE) {
            if (!account.hasAgreement() && !account.inArrearsCase()) {
                signAgreement(
                        household,
                        at,
                        change < DAILY_AGREEMENT_CHANCE / 2
                                ? ClearedBy.PREPAYMENT_AGREEMENT
                                : ClearedBy.AUTO_DEBIT_AGREEMENT);
            }
        } else if (change < DAILY_AGREEMENT_CHANCE + DAILY_WECHAT_BINDING_CHANCE
                && !account.wechatBound()) {
            agenda.at(
                    at,
                    () -> {
                        account.bindWechat();
                        publish(household, at);
                    });
        }
    }

    /** Schedules the signing of a prepayment or auto-debit agreement and the changed record. */
    void signAgreement(Household household, long at, ClearedBy agreement) {
        agenda.at(
                at,
                () -> {
                    if (agreement == ClearedBy.PREPAYMENT_AGREEMENT) {
                        household.account().signPrepayment();
                    } else {
                        household.account().signAutoDebit();
                    }
                    publish(household, at);
                });
    }
}
