// SPDX-License-Identifier: MIT
#include "core/table/messagestore.h"

#include <QTest>

#include <vector>

using namespace allium;

namespace {

StreamMessage makeMessage(quint64 sequence, int jsonBytes)
{
    StreamMessage message;
    message.sequence = sequence;
    message.json = QByteArray(jsonBytes, 'x');
    return message;
}

QList<quint64> sequences(const MessageStore &store)
{
    QList<quint64> result;
    for (int i = 0; i < store.size(); ++i)
        result << store.at(i).sequence;
    return result;
}

} // namespace

// MessageStore: a ring bounded by count and bytes, oldest evicted first, counters exposed.
class TestMessageStore : public QObject
{
    Q_OBJECT
private slots:
    void keepsOrderBelowBounds();
    void countBoundEvictsOldest();
    void byteBoundEvictsOldest();
    void oversizedMessageIsDropped();
    void shrinkingLimitsEvicts();
    void growingLimitsKeepsMessages();
    void clearKeepsCounters();
    void appendBatch();
    void growsPastManyChunksInOrder();
    void growsAfterByteEvictionsInOrder();
    void growingAWrappedRingMovesAtMostAChunk();
    void growsAfterNewLimitsAndTrimsInOrder();
};

// Below both bounds every message is kept, oldest first.
void TestMessageStore::keepsOrderBelowBounds()
{
    MessageStore store(10, 1 << 20);
    for (quint64 i = 1; i <= 5; ++i)
        store.append(makeMessage(i, 10));
    QCOMPARE(store.size(), 5);
    QCOMPARE(sequences(store), (QList<quint64>{1, 2, 3, 4, 5}));
    QCOMPARE(store.newest().sequence, quint64(5));
    QCOMPARE(store.evictions(), quint64(0));
    QCOMPARE(store.bytes(), 5 * makeMessage(0, 10).footprintBytes());
}

// At the count bound each append evicts exactly the oldest, across many wrap-arounds.
void TestMessageStore::countBoundEvictsOldest()
{
    MessageStore store(4, 1 << 20);
    for (quint64 i = 1; i <= 103; ++i)
        store.append(makeMessage(i, 10));
    QCOMPARE(store.size(), 4);
    QCOMPARE(sequences(store), (QList<quint64>{100, 101, 102, 103}));
    QCOMPARE(store.evictions(), quint64(99));
    QCOMPARE(store.totalAppended(), quint64(103));
    QCOMPARE(store.bytes(), 4 * makeMessage(0, 10).footprintBytes());
}

// The byte bound holds even when the count bound is far away; big messages evict several.
void TestMessageStore::byteBoundEvictsOldest()
{
    const qint64 small = makeMessage(0, 100).footprintBytes();
    MessageStore store(1000, small * 5);
    for (quint64 i = 1; i <= 5; ++i)
        store.append(makeMessage(i, 100));
    QCOMPARE(store.size(), 5);
    store.append(makeMessage(6, 100));
    QCOMPARE(sequences(store), (QList<quint64>{2, 3, 4, 5, 6}));
    QVERIFY(store.bytes() <= store.byteCapacity());

    // A message three times as big pushes out three small ones.
    const int evicted =
        store.append(makeMessage(7, int(3 * small - makeMessage(0, 0).footprintBytes())));
    QCOMPARE(evicted, 3);
    QCOMPARE(sequences(store), (QList<quint64>{5, 6, 7}));
    QVERIFY(store.bytes() <= store.byteCapacity());
    QCOMPARE(store.evictions(), quint64(4));
    // Small messages after the big one: no slot is overwritten out of order.
    for (quint64 i = 8; i <= 12; ++i)
        store.append(makeMessage(i, 100));
    QCOMPARE(sequences(store), (QList<quint64>{8, 9, 10, 11, 12}));
}

// One message larger than the whole byte bound is refused and counted, the store untouched.
void TestMessageStore::oversizedMessageIsDropped()
{
    MessageStore store(10, 1000);
    store.append(makeMessage(1, 10));
    QCOMPARE(store.append(makeMessage(2, 5000)), 0);
    QCOMPARE(store.drops(), quint64(1));
    QCOMPARE(sequences(store), (QList<quint64>{1}));
}

// Lowering either bound evicts the oldest immediately and keeps the newest in order.
void TestMessageStore::shrinkingLimitsEvicts()
{
    MessageStore store(8, 1 << 20);
    for (quint64 i = 1; i <= 11; ++i) // wrapped ring
        store.append(makeMessage(i, 10));
    store.setLimits(3, 1 << 20);
    QCOMPARE(sequences(store), (QList<quint64>{9, 10, 11}));
    QCOMPARE(store.capacity(), 3);
    store.setLimits(3, 2 * makeMessage(0, 10).footprintBytes());
    QCOMPARE(sequences(store), (QList<quint64>{10, 11}));
    store.append(makeMessage(12, 10));
    QCOMPARE(sequences(store), (QList<quint64>{11, 12}));
}

// Raising the count bound keeps what is held and then fills up to the new bound.
void TestMessageStore::growingLimitsKeepsMessages()
{
    MessageStore store(3, 1 << 20);
    for (quint64 i = 1; i <= 5; ++i)
        store.append(makeMessage(i, 10));
    store.setLimits(5, 1 << 20);
    QCOMPARE(sequences(store), (QList<quint64>{3, 4, 5}));
    for (quint64 i = 6; i <= 8; ++i)
        store.append(makeMessage(i, 10));
    QCOMPARE(sequences(store), (QList<quint64>{4, 5, 6, 7, 8}));
}

// clear() empties the ring but the counters describe the whole session.
void TestMessageStore::clearKeepsCounters()
{
    MessageStore store(2, 1 << 20);
    for (quint64 i = 1; i <= 5; ++i)
        store.append(makeMessage(i, 10));
    store.clear();
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.bytes(), qint64(0));
    QCOMPARE(store.evictions(), quint64(3));
    store.append(makeMessage(6, 10));
    QCOMPARE(sequences(store), (QList<quint64>{6}));
}

// A batch appends all its messages in order.
void TestMessageStore::appendBatch()
{
    MessageStore store(3, 1 << 20);
    MessageBatch batch;
    for (quint64 i = 1; i <= 4; ++i)
        batch.messages.append(makeMessage(i, 10));
    QCOMPARE(store.append(batch), 1);
    QCOMPARE(sequences(store), (QList<quint64>{2, 3, 4}));
}

// The ring grows in steps while it fills towards a large bound; every message stays where it
// was, in order, across the step boundaries, and the bound then evicts the oldest as before.
void TestMessageStore::growsPastManyChunksInOrder()
{
    const int bound = 20000;
    MessageStore store(bound, qint64(1) << 30);
    for (quint64 i = 1; i <= quint64(bound) + 5; ++i)
        store.append(makeMessage(i, 8));
    QCOMPARE(store.size(), bound);
    for (int i = 0; i < bound; ++i)
        QCOMPARE(store.at(i).sequence, quint64(i + 6));
    QCOMPARE(store.evictions(), quint64(5));
}

// Big messages make the byte bound evict while the ring is not full (its oldest slot moves
// on); smaller ones then fill it and it grows from a moved start: the order still holds.
void TestMessageStore::growsAfterByteEvictionsInOrder()
{
    const qint64 big = makeMessage(0, 4000).footprintBytes();
    MessageStore store(100000, big * 3000);
    quint64 sequence = 0;
    for (int i = 0; i < 5000; ++i)
        store.append(makeMessage(++sequence, 4000));
    QVERIFY(store.evictions() > 0);
    for (int i = 0; i < 20000; ++i)
        store.append(makeMessage(++sequence, 10));
    QVERIFY(store.bytes() <= store.byteCapacity());
    for (int i = 1; i < store.size(); ++i)
        QCOMPARE(store.at(i).sequence, store.at(i - 1).sequence + 1);
    QCOMPARE(store.newest().sequence, sequence);
}

// A history the workspace's memory budget trims from the front keeps growing (its own bounds
// are far away): each growth of the wrapped ring moves at most one chunk of messages, not the
// whole history (a move of 576k messages stalled the GUI thread ~0.3 s), and keeps the order.
void TestMessageStore::growingAWrappedRingMovesAtMostAChunk()
{
    MessageStore store(1000000, qint64(1) << 40);
    quint64 sequence = 0;
    for (int i = 0; i < 3 * 4096; ++i)
        store.append(makeMessage(++sequence, 10));
    const qint64 perMessage = store.bytes() / store.size();
    for (const int trim : {5000, 4096, 1}) { // head mid-chunk, then chunk-aligned
        store.trimToBytes(store.bytes() - trim * perMessage);
        // Fill the ring up to its current size again, then one more: it grows while wrapped.
        int room = 0;
        while (room < trim) {
            store.append(makeMessage(++sequence, 10));
            ++room;
        }
        std::vector<const StreamMessage *> before;
        for (int i = 0; i < store.size(); ++i)
            before.push_back(&store.at(i));
        store.append(makeMessage(++sequence, 10));
        int moved = 0;
        for (int i = 0; i < int(before.size()); ++i)
            moved += &store.at(i) != before[std::size_t(i)] ? 1 : 0;
        QVERIFY2(moved <= 4096, qPrintable(QStringLiteral("%1 messages moved").arg(moved)));
        for (int i = 1; i < store.size(); ++i)
            QCOMPARE(store.at(i).sequence, store.at(i - 1).sequence + 1);
        QCOMPARE(store.newest().sequence, sequence);
        QCOMPARE(store.evictions(), sequence - quint64(store.size()));
    }
    // Keeps growing and wrapping in order, through many more chunks.
    for (int round = 0; round < 20; ++round) {
        store.trimToBytes(store.bytes() - 1000 * perMessage);
        for (int i = 0; i < 3000; ++i)
            store.append(makeMessage(++sequence, 10));
    }
    for (int i = 1; i < store.size(); ++i)
        QCOMPARE(store.at(i).sequence, store.at(i - 1).sequence + 1);
    QCOMPARE(store.newest().sequence, sequence);
    QCOMPARE(store.bytes(), store.size() * perMessage);
}

// New limits leave a ring that is not whole chunks; trimmed and grown after that, it keeps
// every message in order.
void TestMessageStore::growsAfterNewLimitsAndTrimsInOrder()
{
    MessageStore store(10000, qint64(1) << 40);
    quint64 sequence = 0;
    for (int i = 0; i < 9000; ++i)
        store.append(makeMessage(++sequence, 10));
    store.setLimits(5000, qint64(1) << 40); // a ring of 5,000 slots
    store.setLimits(1000000, qint64(1) << 40);
    const qint64 perMessage = store.bytes() / store.size();
    for (int round = 0; round < 10; ++round) {
        store.trimToBytes(store.bytes() - 1500 * perMessage);
        for (int i = 0; i < 6000; ++i)
            store.append(makeMessage(++sequence, 10));
        for (int i = 1; i < store.size(); ++i)
            QCOMPARE(store.at(i).sequence, store.at(i - 1).sequence + 1);
        QCOMPARE(store.newest().sequence, sequence);
    }
    QCOMPARE(store.size(), 5000 + 10 * 4500);
}

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
