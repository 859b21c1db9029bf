// SPDX-License-Identifier: MIT
#include "core/stream/slabpool.h"

#include <QTest>

using namespace allium;

// SlabPool: slabs are handed out again once nothing holds them, and idle ones can be let go.
class TestSlabPool : public QObject
{
    Q_OBJECT
private slots:
    void freeSlabIsReused();
    void heldSlabIsNotReused();
    void releaseIdleKeepsOnlyHeldSlabsAndTheReserve();
};

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

QTEST_GUILESS_MAIN(TestSlabPool)
#include "tst_slabpool.moc"
