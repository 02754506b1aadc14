package io.gridpulse.simulator;

import io.gridpulse.schema.NoticeChannel;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.streams.Topics;
import java.util.SplittableRandom;

/**
 * Sends payment reminders (催费) and disconnection notices (停电通知). Remote channels (WeChat, SMS,
 * phone) are used when the customer is bound to them; otherwise a letter, the community bulletin
 * board or a visit. Unverified contact data makes remote delivery fail more often.
 */
final class NoticeDesk {

    private static final WeightedChoice<NoticeChannel> OFFLINE =
            WeightedChoice.<NoticeChannel>builder()
                    .add(NoticeChannel.LETTER, 50)
                    .add(NoticeChannel.BULLETIN, 25)
                    .add(NoticeChannel.ON_SITE, 25)
                    .build();
    private static final double WRONG_CONTACT_REACH = 0.6;

    private final TickBuffer out;
    private final Agenda agenda;
    private final City city;

    NoticeDesk(TickBuffer out, Agenda agenda, City city) {
        this.out = out;
        this.agenda = agenda;
        this.city = city;
    }

    /** Schedules one payment reminder by the channel the customer can best be reached on. */
    void dun(Household household, long at) {
        NoticeChannel channel = reminderChannel(household);
        long deliveredAt = delivery(household, channel, at);
        agenda.at(at, () -> send(household, NoticeKind.DUNNING, channel, at, deliveredAt));
    }

    /**
     * Schedules reminders a day or two apart, from the first time until (not including) the second.
     */
    void dunUntil(Household household, long from, long until) {
        SplittableRandom random = household.random();
        for (long at = from;
                at < until;
                at += 20 * RunWindow.HOUR + random.nextLong(28 * RunWindow.HOUR)) {
            dun(household, at);
        }
    }

    /**
     * Schedules a disconnection notice by a remote channel, or on site when the customer has none.
     *
     * @param deliveredAt when delivery is confirmed, negative for a notice that never arrives
     */
    void disconnectionNotice(Household household, long sentAt, long deliveredAt) {
        NoticeChannel channel = disconnectionChannel(household.account());
        agenda.at(
                sentAt,
                () -> send(household, NoticeKind.DISCONNECTION, channel, sentAt, deliveredAt));
    }

    private void send(
            Household household,
            NoticeKind kind,
            NoticeChannel channel,
            long sentAt,
            long deliveredAt) {
        String customerId = household.customerId();
        out.emit(
                Topics.NOTICES,
                customerId,
                Records.notice(
                        household.nextId('N'), customerId, kind, channel, sentAt, deliveredAt),
                sentAt);
    }

    /**
     * A badly run grid falls back on paper (letters, bulletins, visits) even for customers it could
     * reach remotely: the remote-dunning share is one of its KPIs.
     */
    private NoticeChannel reminderChannel(Household household) {
        Account account = household.account();
        double choice = household.random().nextDouble();
        double quality = city.serviceQuality(city.gridOf(household.index()));
        if (choice < 0.6 * Math.max(0, 1 - quality)) {
            return OFFLINE.pick(household.random());
        }
        if (account.wechatBound() && choice < 0.38) {
            return NoticeChannel.WECHAT;
        }
        if (account.wechatBound() && choice < 0.45) {
            return NoticeChannel.APP;
        }
        if (account.smsBound() && choice < 0.80) {
            return NoticeChannel.SMS;
        }
        if (account.hasPhone() && choice < 0.92) {
            return NoticeChannel.PHONE;
        }
        return OFFLINE.pick(household.random());
    }

    private static NoticeChannel disconnectionChannel(Account account) {
        if (account.wechatBound()) {
            return NoticeChannel.WECHAT;
        }
        if (account.smsBound()) {
            return NoticeChannel.SMS;
        }
        return account.hasPhone() ? NoticeChannel.PHONE : NoticeChannel.ON_SITE;
    }

    /** When delivery of a reminder is confirmed, or -1 when it is not. */
    private static long delivery(Household household, NoticeChannel channel, long sentAt) {
        SplittableRandom random = household.random();
        double reach = household.account().contactVerified() ? 1.0 : WRONG_CONTACT_REACH;
        double chance = random.nextDouble();
        double delayFraction = random.nextDouble();
        return switch (channel) {
            case WECHAT, APP ->
                    chance < 0.97 * reach
                            ? sentAt + 5_000 + (long) (delayFraction * 3 * RunWindow.MINUTE)
                            : -1;
            case SMS ->
                    chance < 0.95 * reach
                            ? sentAt + 5_000 + (long) (delayFraction * 5 * RunWindow.MINUTE)
                            : -1;
            case PHONE ->
                    chance < 0.80 * reach
                            ? sentAt + 30_000 + (long) (delayFraction * 3 * RunWindow.MINUTE)
                            : -1;
            case LETTER ->
                    chance < 0.90
                            ? sentAt + RunWindow.DAY + (long) (delayFraction * 2 * RunWindow.DAY)
                            : -1;
            case BULLETIN ->
                    chance < 0.70
                            ? sentAt
                                    + 2 * RunWindow.HOUR
                                    + (long) (delayFraction * 22 * RunWindow.HOUR)
                            : -1;
            default -> sentAt;
        };
    }
}
