// SPDX-License-Identifier: MIT
#include "core/stream/frameparser.h"
#include "core/stream/slabpool.h"
#include "core/table/messagestore.h"

#include <QSet>
#include <QTest>

#include <deque>

using namespace allium;

// SlabPool: slabs are handed out again once nothing holds them, and idle ones can be let go.
class TestSlabPool : public QObject
{
    Q_OBJECT
private slots:
    void freeSlabIsReused();
    void heldSlabIsNotReused();
    void releaseIdleKeepsOnlyHeldSlabsAndTheReserve();
    void recycledRunIsReusedEmpty();
    void aFullStoresSlabsAreAllReused();
    void aStoreThatKeepsEvictingNeedsNoNewSlabs();
    void slabsHeldElsewhereAreOnlyReplaced();
};

namespace {

// A store that keeps the last `kept` slabs' messages, as MessageStore does once full: each new
// slab evicts the oldest; every `keptForeverEvery`-th slab is also held elsewhere for good (a
// message a view keeps). Returns the slabs the pool had to make for `rounds` more store-fulls
// after the first.
std::size_t newSlabsInSteadyState(int kept, int rounds, int keptForeverEvery = 0)
{
    SlabPool pool;
    std::deque<QByteArray> store;
    QList<QByteArray> elsewhere;
    int taken = 0;
    std::size_t afterFirstFill = 0;
    for (int round = 0; round <= rounds; ++round) {
        if (round == 1)
            afterFirstFill = pool.size();
        for (int i = 0; i < kept; ++i) {
            store.push_back(pool.take());
            if (keptForeverEvery > 0 && ++taken % keptForeverEvery == 0)
                elsewhere << store.back();
            if (int(store.size()) > kept)
                store.pop_front();
        }
    }
    return pool.size() - afterFirstFill;
}

} // namespace

void TestSlabPool::freeSlabIsReused()
{
    SlabPool pool;
    QByteArray first = pool.take();
    const char *const data = first.constData();
    first = QByteArray();
    QCOMPARE(pool.take().constData(), data);
    QCOMPARE(pool.size(), std::size_t(1));
}

void TestSlabPool::heldSlabIsNotReused()
{
    SlabPool pool;
    QByteArray held = pool.take();
    QVERIFY(pool.take().constData() != held.constData());
}

// A cleared history leaves its slabs idle in the pool: releaseIdle() forgets them (but the
// reserve asked for) and never one a message still refers to.
void TestSlabPool::releaseIdleKeepsOnlyHeldSlabsAndTheReserve()
{
    SlabPool pool;
    QList<QByteArray> taken;
    for (int i = 0; i < 10; ++i)
        taken << pool.take();
    const QByteArray held = taken.at(3);
    taken.clear();
    QCOMPARE(pool.size(), std::size_t(10));
    pool.releaseIdle(2);
    QCOMPARE(pool.size(), std::size_t(3));
    pool.releaseIdle(0);
    QCOMPARE(pool.size(), std::size_t(1));
    QVERIFY(pool.take().constData() != held.constData()); // still held: not handed out
}

// A run the consumer is done with comes back from FrameParser::newRun() empty, with its room
// (the network thread allocates no new run), and the messages taken from it stay intact.
void TestSlabPool::recycledRunIsReusedEmpty()
{
    FrameParser parser(std::make_shared<WatchedFields>(), std::make_shared<SlabPool>());
    std::unique_ptr<ProcessedFrames> processed = parser.newRun();
    auto *run = static_cast<ParsedFrames *>(processed.get());
    const QByteArray frames[] = {R"({"a":1})", R"({"status":"error","data":"x"})", R"({"b":2})"};
    for (const QByteArray &frame : frames)
        parser.process(*run, frame.constData(), std::size_t(frame.size()));
    parser.parseStaged(*run);
    QCOMPARE(run->messages.size(), 2);
    QCOMPARE(run->serverErrors, quint64(1));
    const QByteArray taken = run->messages.first().json; // as the store keeps it
    const qsizetype room = run->messages.capacity();

    parser.recycle(std::move(processed));
    const std::unique_ptr<ProcessedFrames> next = parser.newRun();
    QCOMPARE(next.get(), run);
    QCOMPARE(next->frames, quint64(0));
    QCOMPARE(next->bytes, quint64(0));
    QVERIFY(run->messages.isEmpty());
    QCOMPARE(run->messages.capacity(), room);
    QCOMPARE(run->serverErrors, quint64(0));
    QCOMPARE(taken, QByteArray(R"({"a":1})"));
    // Another new run while that one is out is a fresh one.
    QVERIFY(parser.newRun().get() != run);
}

// A default store full of messages holds 256 MiB of slabs; once it evicts them, the pool hands
// every one of them out again instead of allocating (and page-faulting) new ones.
void TestSlabPool::aFullStoresSlabsAreAllReused()
{
    const int count = int(MessageStore::DefaultMaxBytes / SlabPool::SlabBytes);
    SlabPool pool;
    QSet<const char *> held;
    {
        QList<QByteArray> store;
        for (int i = 0; i < count; ++i) {
            store << pool.take();
            held.insert(store.last().constData());
        }
        QCOMPARE(pool.size(), std::size_t(count)); // none forgotten
    }                                              // evicted
    int reused = 0;
    QList<QByteArray> again;
    for (int i = 0; i < count; ++i) {
        again << pool.take();
        reused += held.contains(again.last().constData()) ? 1 : 0;
    }
    QCOMPARE(reused, count);
}

// Once a store is full, each slab it evicts is the next one handed out: the pool stays at the
// store's slabs (one more for the one being filled) instead of growing with fresh memory. With
// held slabs rotated to the back the freed ones lay scattered, and two store-fulls later the
// pool had made 60 % more slabs (bench_ingest: 0.15 page faults per block message in runs
// well after the store was full).
void TestSlabPool::aStoreThatKeepsEvictingNeedsNoNewSlabs()
{
    QCOMPARE(newSlabsInSteadyState(2000, 4), std::size_t(1));
}

// Slabs that something else holds on to are stepped over, and only they are replaced.
void TestSlabPool::slabsHeldElsewhereAreOnlyReplaced()
{
    const int kept = 2000;
    const int rounds = 4;
    const int every = 100;
    QVERIFY(newSlabsInSteadyState(kept, rounds, every) <= std::size_t(rounds * kept / every + 1));
}

QTEST_GUILESS_MAIN(TestSlabPool)
#include "tst_slabpool.moc"
