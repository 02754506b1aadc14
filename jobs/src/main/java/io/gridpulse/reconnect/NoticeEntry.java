package io.gridpulse.reconnect;

import io.gridpulse.schema.Notice;

/** A disconnection notice as the notice rule needs it. */
public class NoticeEntry {

    public String noticeId;
    public String channel;
    public long sentAtMs;

    /** When delivery was confirmed; -1 when it was not. */
    public long deliveredAtMs = -1;

    public NoticeEntry() {}

    public NoticeEntry(String noticeId, String channel, long sentAtMs, long deliveredAtMs) {
        this.noticeId = noticeId;
        this.channel = channel;
        this.sentAtMs = sentAtMs;
        this.deliveredAtMs = deliveredAtMs;
    }

    public static NoticeEntry of(Notice n) {
        return new NoticeEntry(
                n.getNoticeId(),
                n.getChannel().name(),
                n.getSentAt().toEpochMilli(),
                n.getDelivered() && n.getDeliveredAt() != null
                        ? n.getDeliveredAt().toEpochMilli()
                        : -1);
    }

    boolean delivered() {
        return deliveredAtMs >= 0;
    }
}
