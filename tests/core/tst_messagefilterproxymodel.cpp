// SPDX-License-Identifier: MIT
#include "core/table/messagefilterproxymodel.h"
#include "core/table/messagetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace allium;

namespace {

const char *const Coins[] = {"BTC", "ETH", "SOL", "HYPE"};

// A hyperliquid-like fill: coin cycles through Coins, side alternates, px grows.
StreamMessage makeFill(quint64 sequence)
{
    StreamMessage message;
    message.sequence = sequence;
    message.json = QByteArray("{\"payload\":{\"coin\":\"") + Coins[sequence % 4] +
                   QByteArray("\",\"side\":\"") + (sequence % 2 ? "B" : "A") +
                   QByteArray("\",\"px\":\"") + QByteArray::number(sequence * 10) +
                   QByteArray("\",\"note\":\"Grüße\"}}");
    return message;
}

MessageBatch makeBatch(quint64 first, int count)
{
    MessageBatch batch;
    for (int i = 0; i < count; ++i)
        batch.messages.append(makeFill(first + quint64(i)));
    return batch;
}

QStringList proxyCoins(const QAbstractItemModel &proxy)
{
    QStringList coins;
    for (int row = 0; row < proxy.rowCount(); ++row)
        coins.append(proxy.index(row, 0).data().toString());
    return coins;
}

} // namespace

class TestMessageFilterProxyModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    // The search matches the raw JSON as a case-insensitive substring.
    void textSearch_data();
    void textSearch();
    // A Filter keeps only rows it matches; combined with text, both must match.
    void filterAndText();
    // A new batch evaluates only its own rows; cached results are reused.
    void newBatchEvaluatesOnlyNewRows();
    // Evicted rows leave the proxy in one removal and keep the remaining rows' results.
    void evictionKeepsResults();
    // Clearing the search shows every row again.
    void clearingShowsAll();
    // A large history is searched on a worker: setSearchText returns at once, the rows shown
    // stay until the result comes, rows arriving and leaving meanwhile are accounted for.
    void backgroundSearchKeepsReceiving();
    // A newer search supersedes one still running; only the newest result is shown.
    void newerSearchWins();
    // Sorting orders numbers by value (also numeric strings, big wei and hex), text by text,
    // absent values last; sort(-1) returns to arrival order; persistent indexes follow rows.
    void sortByValue();
    void sortBigNumbers();
    void sortInBackgroundWithFilter();
    // The ASCII fast path agrees with plain case-insensitive search.
    void containsIgnoringCase_data();
    void containsIgnoringCase();

private:
    MessageTableModel *m_model = nullptr;
    MessageFilterProxyModel *m_proxy = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestMessageFilterProxyModel::init()
{
    m_model = new MessageTableModel;
    m_model->setColumns({QStringLiteral("payload.coin"), QStringLiteral("payload.px")});
    m_model->setHistoryLimits(1000, 1 << 30);
    m_proxy = new MessageFilterProxyModel;
    m_proxy->setSourceModel(m_model);
    m_tester = new QAbstractItemModelTester(m_proxy,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->appendBatch(makeBatch(0, 40));
}

void TestMessageFilterProxyModel::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_model;
}

void TestMessageFilterProxyModel::textSearch_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::newRow("coin") << QStringLiteral("sol") << 10;
    QTest::newRow("upper case") << QStringLiteral("HYPE") << 10;
    QTest::newRow("key and value") << QStringLiteral("\"coin\":\"eth\"") << 10;
    QTest::newRow("number text") << QStringLiteral("\"px\":\"39") << 1;
    QTest::newRow("everything") << QStringLiteral("payload") << 40;
    QTest::newRow("nothing") << QStringLiteral("doge") << 0;
    QTest::newRow("non-ASCII") << QStringLiteral("GRÜSSE") << 0;
    QTest::newRow("non-ASCII case") << QStringLiteral("GRÜßE") << 40;
}

void TestMessageFilterProxyModel::textSearch()
{
    QFETCH(QString, text);
    QFETCH(int, rows);
    m_proxy->setSearchText(text);
    QVERIFY(m_proxy->isFiltering());
    QCOMPARE(m_proxy->rowCount(), rows);
}

void TestMessageFilterProxyModel::filterAndText()
{
    const Filter isBuy = Filter::condition(QStringLiteral("payload.side"), Filter::Operator::Equal,
                                           QStringLiteral("B"));
    m_proxy->setRowFilter(isBuy);
    QCOMPARE(m_proxy->rowCount(), 20);
    // Odd sequences are buys; coins cycle every four, so buys are BTC-less: ETH and HYPE only.
    QVERIFY(!proxyCoins(*m_proxy).contains(QStringLiteral("BTC")));
    m_proxy->setSearchText(QStringLiteral("hype"));
    QCOMPARE(m_proxy->rowCount(), 10);
    const Filter pxAbove =
        Filter::condition(QStringLiteral("payload.px"), Filter::Operator::Greater, 200);
    m_proxy->setRowFilter(pxAbove);
    QCOMPARE(m_proxy->rowCount(), 5); // HYPE at 23, 27, 31, 35, 39
    m_proxy->setRowFilter(Filter());
    m_proxy->setSearchText(QString());
    QVERIFY(!m_proxy->isFiltering());
    QCOMPARE(m_proxy->rowCount(), 40);
}

void TestMessageFilterProxyModel::newBatchEvaluatesOnlyNewRows()
{
    m_proxy->setSearchText(QStringLiteral("btc"));
    QCOMPARE(m_proxy->rowCount(), 10);
    const quint64 before = m_proxy->evaluationCount();
    QCOMPARE(before, quint64(40));
    QSignalSpy inserted(m_proxy, &QAbstractItemModel::rowsInserted);
    m_model->appendBatch(makeBatch(40, 20));
    QCOMPARE(m_proxy->evaluationCount(), before + 20);
    QCOMPARE(m_proxy->rowCount(), 15);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_proxy->cachedResultCount(), 60);
}

void TestMessageFilterProxyModel::evictionKeepsResults()
{
    m_proxy->setSearchText(QStringLiteral("eth"));
    QCOMPARE(m_proxy->rowCount(), 10);
    m_model->setHistoryLimits(40, 1 << 30);
    QSignalSpy removed(m_proxy, &QAbstractItemModel::rowsRemoved);
    const quint64 before = m_proxy->evaluationCount();
    m_model->appendBatch(makeBatch(40, 8)); // evicts sequences 0..7: two ETH rows
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_proxy->evaluationCount(), before + 8);
    QCOMPARE(m_proxy->rowCount(), 10);
    QCOMPARE(m_proxy->index(0, 1).data().toString(), QStringLiteral("90"));
}

void TestMessageFilterProxyModel::clearingShowsAll()
{
    m_proxy->setSearchText(QStringLiteral("sol"));
    QSignalSpy filtering(m_proxy, &MessageFilterProxyModel::filteringChanged);
    m_proxy->setSearchText(QString());
    QCOMPARE(filtering.count(), 1);
    QCOMPARE(m_proxy->rowCount(), 40);
}

namespace {

QList<quint64> proxySequences(const QAbstractItemModel &proxy)
{
    QList<quint64> sequences;
    for (int row = 0; row < proxy.rowCount(); ++row)
        sequences.append(proxy.index(row, 0).data(MessageTableModel::SequenceRole).toULongLong());
    return sequences;
}

MessageBatch makeRows(const QList<QByteArray> &jsons, quint64 firstSequence)
{
    MessageBatch batch;
    for (const QByteArray &json : jsons) {
        StreamMessage message;
        message.sequence = firstSequence++;
        message.json = json;
        batch.messages.append(message);
    }
    return batch;
}

} // namespace

void TestMessageFilterProxyModel::backgroundSearchKeepsReceiving()
{
    m_model->setHistoryLimits(30000, 1 << 30);
    m_model->appendBatch(makeBatch(40, 19960)); // sequences 0..19999
    m_proxy->setSynchronousBytes(0);
    QSignalSpy busy(m_proxy, &MessageFilterProxyModel::busyChanged);
    m_proxy->setSearchText(QStringLiteral("sol"));
    QVERIFY(m_proxy->isBusy());
    QCOMPARE(busy.count(), 1);
    // Nothing was evaluated on this thread: the rows shown are still all of them.
    QCOMPARE(m_proxy->evaluationCount(), quint64(0));
    QCOMPARE(m_proxy->rowCount(), 20000);
    // The stream goes on meanwhile: 12,000 new rows evict the 2,000 oldest.
    m_model->appendBatch(makeBatch(20000, 12000));
    QCOMPARE(m_proxy->rowCount(), 30000);
    QTRY_VERIFY(!m_proxy->isBusy());
    // SOL is every fourth sequence from 2; the history holds 2000..31999.
    QCOMPARE(m_proxy->rowCount(), 7500);
    const QList<quint64> sequences = proxySequences(*m_proxy);
    QCOMPARE(sequences.first(), quint64(2002));
    QCOMPARE(sequences.last(), quint64(31998));
    QVERIFY(std::is_sorted(sequences.begin(), sequences.end()));
    // Later batches are evaluated as they come (two SOL rows in, two out).
    m_model->appendBatch(makeBatch(32000, 8));
    QCOMPARE(m_proxy->rowCount(), 7500);
    QCOMPARE(proxySequences(*m_proxy).first(), quint64(2010));
    QCOMPARE(proxySequences(*m_proxy).last(), quint64(32006));
    // Clearing shows every row again at once.
    m_proxy->setSearchText(QString());
    QVERIFY(!m_proxy->isBusy());
    QCOMPARE(m_proxy->rowCount(), 30000);
}

void TestMessageFilterProxyModel::newerSearchWins()
{
    m_model->setHistoryLimits(30000, 1 << 30);
    m_model->appendBatch(makeBatch(40, 19960));
    m_proxy->setSynchronousBytes(0);
    m_proxy->setSearchText(QStringLiteral("sol"));
    m_proxy->setSearchText(QStringLiteral("hype"));
    QTRY_VERIFY(!m_proxy->isBusy());
    QCOMPARE(m_proxy->rowCount(), 5000);
    QVERIFY(!proxyCoins(*m_proxy).contains(QStringLiteral("SOL")));
    QCOMPARE(m_proxy->searchText(), QStringLiteral("hype"));
}

void TestMessageFilterProxyModel::sortByValue()
{
    m_model->clear();
    m_model->setColumns({QStringLiteral("v"), QStringLiteral("name")});
    m_model->appendBatch(
        makeRows({"{\"v\":10,\"name\":\"b\"}", "{\"v\":\"9\",\"name\":\"a\"}", "{\"name\":\"c\"}",
                  "{\"v\":-2.5,\"name\":\"B\"}", "{\"v\":100,\"name\":\"a\"}", "{\"v\":null}"},
                 0));
    m_proxy->sort(0, Qt::AscendingOrder);
    QCOMPARE(m_proxy->sortColumn(), 0);
    QCOMPARE(proxySequences(*m_proxy), (QList<quint64>{3, 1, 0, 4, 2, 5}));
    // The current row's message stays current through a new order.
    const QPersistentModelIndex current = m_proxy->index(3, 1); // sequence 4
    m_proxy->sort(0, Qt::DescendingOrder);
    QCOMPARE(proxySequences(*m_proxy), (QList<quint64>{4, 0, 1, 3, 2, 5}));
    QCOMPARE(current.data(MessageTableModel::SequenceRole).toULongLong(), quint64(4));
    QCOMPARE(current.row(), 0);
    // Text sorts by text; equal values keep arrival order.
    m_proxy->sort(1, Qt::AscendingOrder);
    QCOMPARE(proxySequences(*m_proxy), (QList<quint64>{3, 1, 4, 0, 2, 5}));
    // A search keeps the order.
    m_proxy->setSearchText(QStringLiteral("\"a\""));
    QCOMPARE(proxySequences(*m_proxy), (QList<quint64>{1, 4}));
    m_proxy->setSearchText(QString());
    m_proxy->sort(-1);
    QVERIFY(!m_proxy->isSorted());
    QCOMPARE(proxySequences(*m_proxy), (QList<quint64>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(current.row(), 4);
}

void TestMessageFilterProxyModel::sortBigNumbers()
{
    m_model->clear();
    m_model->setColumns({QStringLiteral("wei"), QStringLiteral("hex")});
    // Equal as doubles, different as integers; hex by value, not by text.
    m_model->appendBatch(makeRows({"{\"wei\":\"1000000000000000000000001\",\"hex\":\"0x1a\"}",
                                   "{\"wei\":\"999999999999999999999\",\"hex\":\"0x2\"}",
                                   "{\"wei\":\"1000000000000000000000000\",\"hex\":\"0xff\"}",
                                   "{\"wei\":\"0\",\"hex\":\"0x0A\"}"},
                                  0));
    m_proxy->sort(0, Qt::AscendingOrder);
    QCOMPARE(proxySequences(*m_proxy), (QList<quint64>{3, 1, 2, 0}));
    m_proxy->sort(1, Qt::AscendingOrder);
    QCOMPARE(proxySequences(*m_proxy), (QList<quint64>{1, 3, 0, 2}));
}

void TestMessageFilterProxyModel::sortInBackgroundWithFilter()
{
    m_model->setHistoryLimits(30000, 1 << 30);
    m_model->appendBatch(makeBatch(40, 19960));
    m_proxy->setSynchronousBytes(0);
    m_proxy->setSearchText(QStringLiteral("btc"));
    QTRY_VERIFY(!m_proxy->isBusy());
    QCOMPARE(m_proxy->rowCount(), 5000);
    m_proxy->sort(1, Qt::DescendingOrder); // payload.px, numbers in strings
    QVERIFY(m_proxy->isBusy());
    QTRY_VERIFY(!m_proxy->isBusy());
    const QList<quint64> sequences = proxySequences(*m_proxy);
    QCOMPARE(sequences.size(), 5000);
    QCOMPARE(sequences.first(), quint64(19996));
    QCOMPARE(sequences.at(1), quint64(19992));
    QCOMPARE(sequences.last(), quint64(0));
}

void TestMessageFilterProxyModel::containsIgnoringCase_data()
{
    QTest::addColumn<QByteArray>("haystack");
    QTest::addColumn<QByteArray>("needle");
    QTest::newRow("start") << QByteArray("ABCdef") << QByteArray("abc");
    QTest::newRow("end") << QByteArray("xyzABC") << QByteArray("abc");
    QTest::newRow("absent") << QByteArray("ABAB") << QByteArray("abc");
    QTest::newRow("longer than text") << QByteArray("ab") << QByteArray("abc");
    QTest::newRow("overlap") << QByteArray("aaab") << QByteArray("aab");
    QTest::newRow("empty needle") << QByteArray("x") << QByteArray();
}

void TestMessageFilterProxyModel::containsIgnoringCase()
{
    QFETCH(QByteArray, haystack);
    QFETCH(QByteArray, needle);
    const bool expected =
        QString::fromLatin1(haystack).contains(QString::fromLatin1(needle), Qt::CaseInsensitive);
    QCOMPARE(MessageFilterProxyModel::containsIgnoringCase(haystack, needle), expected);
}

QTEST_GUILESS_MAIN(TestMessageFilterProxyModel)
#include "tst_messagefilterproxymodel.moc"
