// SPDX-License-Identifier: MIT
#include "core/table/messagefilterproxymodel.h"
#include "core/table/messagetablemodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace allium;

namespace {

// A block-like message whose number and hash derive from its sequence.
StreamMessage makeMessage(quint64 sequence, int padding = 0)
{
    StreamMessage message;
    message.sequence = sequence;
    message.receivedAtMs = 1750000000000 + qint64(sequence);
    message.json = QByteArray("{\"number\":") + QByteArray::number(sequence) +
                   QByteArray(",\"hash\":\"0x") +
                   QByteArray::number(sequence, 16).rightJustified(64, '0') +
                   QByteArray("\",\"value\":\"1500000000000000000\",\"payload\":{\"coin\":\"ETH\","
                              "\"topics\":[\"a\",\"b\"]},\"pad\":\"") +
                   QByteArray(padding, 'x') + QByteArray("\"}");
    return message;
}

MessageBatch makeBatch(quint64 firstSequence, int count, int padding = 0)
{
    MessageBatch batch;
    for (int i = 0; i < count; ++i)
        batch.messages.append(makeMessage(firstSequence + quint64(i), padding));
    return batch;
}

quint64 sequenceAt(const MessageTableModel &model, int row)
{
    return model.index(row, 0).data(MessageTableModel::SequenceRole).toULongLong();
}

} // namespace

class TestMessageTableModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    // A batch is inserted at the bottom with exactly one rowsInserted, oldest row first.
    void batchIsOneInsert();
    // Evictions at the count bound are one rowsRemoved at the top per batch; fill numbers follow.
    void evictionIsOneRemove();
    // A batch larger than the whole history keeps its newest messages only.
    void batchLargerThanHistory();
    // The byte bound evicts too, and bytes() stays within it.
    void byteBound();
    // Lowering the limits evicts the oldest rows at once, in one signal.
    void lowerLimitsEvict();
    // Paused: rows stay, the backlog grows (bounded), resume appends it in one insert.
    void pauseAndResume();
    // A large backlog is appended in slices, one per event-loop turn; arrivals meanwhile queue
    // behind it and a mark made while paused lands on its message in whichever slice.
    void largeBacklogResumesInSlices();
    // Cells show formatted values; tooltip, raw JSON, value and path roles give the rest.
    void roles();
    // Dot paths step into objects and arrays; missing steps are undefined.
    void valueAt_data();
    void valueAt();
    // Changing columns keeps the rows and re-reads the cells under the new paths.
    void setColumns();
    // Only rows a view asks for are parsed: appending leaves the parsed-row cache alone.
    void noParsingOnAppend();
    // clear() empties rows and backlog.
    void clearEmpties();
    // A filter change marks the next message received (also through a paused backlog): its row
    // carries the summary, rows count their segment, and eviction keeps the segment numbers.
    void filterChangeMarks();
    // At 100,000 rows of history, a 33 ms batch of a 20,000 msg/s stream (660 messages) through
    // the model and a searching proxy costs a few ms, not a frame: no parsing of old rows.
    void fullHistoryBatchCost();

private:
    MessageTableModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestMessageTableModel::init()
{
    m_model = new MessageTableModel;
    m_model->setColumns({QStringLiteral("number"), QStringLiteral("hash"), QStringLiteral("value"),
                         QStringLiteral("payload.coin")});
    m_tester = new QAbstractItemModelTester(m_model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestMessageTableModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestMessageTableModel::batchIsOneInsert()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->appendBatch(makeBatch(1, 500));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 499);
    m_model->appendBatch(makeBatch(501, 300));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 500);
    QCOMPARE(inserted.at(1).at(2).toInt(), 799);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(m_model->rowCount(), 800);
    QCOMPARE(sequenceAt(*m_model, 0), quint64(1));
    QCOMPARE(sequenceAt(*m_model, 799), quint64(800));
}

void TestMessageTableModel::evictionIsOneRemove()
{
    m_model->setHistoryLimits(1000, 1 << 30);
    m_model->appendBatch(makeBatch(1, 900));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy fill(m_model, &MessageTableModel::fillChanged);
    m_model->appendBatch(makeBatch(901, 250));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 149);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 750);
    QCOMPARE(inserted.at(0).at(2).toInt(), 999);
    QCOMPARE(fill.count(), 1);
    QCOMPARE(m_model->size(), 1000);
    QCOMPARE(m_model->capacity(), 1000);
    QCOMPARE(m_model->evictions(), quint64(150));
    QVERIFY(m_model->bytes() > 0);
    QCOMPARE(sequenceAt(*m_model, 0), quint64(151));
    QCOMPARE(sequenceAt(*m_model, 999), quint64(1150));
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("151"));
}

void TestMessageTableModel::batchLargerThanHistory()
{
    m_model->setHistoryLimits(100, 1 << 30);
    m_model->appendBatch(makeBatch(1, 60));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->appendBatch(makeBatch(61, 250));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 59);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 99);
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(sequenceAt(*m_model, 0), quint64(211));
    QCOMPARE(sequenceAt(*m_model, 99), quint64(310));
}

void TestMessageTableModel::byteBound()
{
    const qint64 footprint = makeMessage(1, 1000).footprintBytes();
    m_model->setHistoryLimits(100000, footprint * 10);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->appendBatch(makeBatch(1, 25, 1000));
    QVERIFY(m_model->rowCount() <= 10);
    QVERIFY(m_model->rowCount() >= 9);
    QVERIFY(m_model->bytes() <= footprint * 10);
    QCOMPARE(m_model->byteCapacity(), footprint * 10);
    QCOMPARE(sequenceAt(*m_model, m_model->rowCount() - 1), quint64(25));
    // Nothing was shown before this batch, so there was nothing to remove.
    QCOMPARE(removed.count(), 0);
}

void TestMessageTableModel::lowerLimitsEvict()
{
    m_model->appendBatch(makeBatch(1, 300));
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setHistoryLimits(120, 1 << 30);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 179);
    QCOMPARE(m_model->rowCount(), 120);
    QCOMPARE(sequenceAt(*m_model, 0), quint64(181));
}

void TestMessageTableModel::pauseAndResume()
{
    m_model->setHistoryLimits(1000, 1 << 30);
    m_model->appendBatch(makeBatch(1, 100));
    QSignalSpy pending(m_model, &MessageTableModel::pendingCountChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->setPaused(true);
    QVERIFY(m_model->isPaused());
    m_model->appendBatch(makeBatch(101, 400));
    m_model->appendBatch(makeBatch(501, 400));
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(m_model->pendingCount(), 800);
    QCOMPARE(pending.count(), 2);
    QCOMPARE(pending.last().at(0).toInt(), 800);
    // The backlog is bounded like the history.
    m_model->appendBatch(makeBatch(901, 400));
    QCOMPARE(m_model->pendingCount(), 1000);

    m_model->setPaused(false);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->pendingCount(), 0);
    QCOMPARE(pending.last().at(0).toInt(), 0);
    QCOMPARE(m_model->rowCount(), 1000);
    QCOMPARE(sequenceAt(*m_model, 999), quint64(1300));
    QCOMPARE(sequenceAt(*m_model, 0), quint64(301));
}

void TestMessageTableModel::largeBacklogResumesInSlices()
{
    const int slice = MessageTableModel::DrainSliceCount;
    m_model->setHistoryLimits(100000, qint64(1) << 30);
    m_model->appendBatch(makeBatch(1, 10));
    m_model->setPaused(true);
    m_model->appendBatch(makeBatch(11, 2 * slice));
    m_model->markFilterChange(QStringLiteral("B"));
    m_model->appendBatch(makeBatch(11 + quint64(2 * slice), 100));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);

    m_model->setPaused(false);
    QVERIFY(!m_model->isPaused());
    QCOMPARE(inserted.count(), 1); // the first slice at once, the rest later
    QCOMPARE(m_model->rowCount(), 10 + slice);
    QCOMPARE(m_model->pendingCount(), slice + 100);
    m_model->appendBatch(makeBatch(111 + quint64(2 * slice), 5)); // arrives while draining
    QCOMPARE(m_model->rowCount(), 10 + slice);

    QTRY_COMPARE(m_model->pendingCount(), 0);
    const int rows = 10 + 2 * slice + 105;
    QCOMPARE(m_model->rowCount(), rows);
    for (int row = 0; row < rows; ++row)
        QCOMPARE(sequenceAt(*m_model, row), quint64(row + 1));
    const int marked = 10 + 2 * slice;
    QCOMPARE(m_model->index(marked, 0).data(MessageTableModel::FilterChangeRole).toString(),
             QStringLiteral("B"));
    QVERIFY(m_model->index(marked - 1, 0).data(MessageTableModel::FilterChangeRole).isNull());

    // Pausing mid-way keeps the rest held, in order.
    m_model->setPaused(true);
    m_model->appendBatch(makeBatch(quint64(rows) + 1, 2 * slice));
    m_model->setPaused(false);
    m_model->setPaused(true);
    QCOMPARE(m_model->rowCount(), rows + slice);
    QCOMPARE(m_model->pendingCount(), slice);
    m_model->setPaused(false);
    QTRY_COMPARE(m_model->pendingCount(), 0);
    QCOMPARE(sequenceAt(*m_model, rows + 2 * slice - 1), quint64(rows + 2 * slice));
}

void TestMessageTableModel::roles()
{
    m_model->appendBatch(makeBatch(1234567, 1));
    const QModelIndex number = m_model->index(0, 0);
    const QModelIndex hash = m_model->index(0, 1);
    const QModelIndex value = m_model->index(0, 2);
    const QModelIndex coin = m_model->index(0, 3);
    QCOMPARE(number.data().toString(), QLocale().toString(1234567));
    QCOMPARE(value.data().toString(), QStringLiteral("1.5 ETH"));
    QCOMPARE(coin.data().toString(), QStringLiteral("ETH"));
    const QString fullHash =
        QStringLiteral("0x") + QString::number(1234567, 16).rightJustified(64, QLatin1Char('0'));
    QVERIFY(hash.data().toString().size() < 20);
    QCOMPARE(hash.data(Qt::ToolTipRole).toString(), fullHash);
    QCOMPARE(m_model->rawValue(0, 1).toString(), fullHash);
    QCOMPARE(value.data(Qt::ToolTipRole).toString(),
             QStringLiteral("1500000000000000000 wei = 1.5 ETH"));
    QCOMPARE(coin.data(MessageTableModel::RawJsonRole).toByteArray(), makeMessage(1234567).json);
    QCOMPARE(coin.data(MessageTableModel::JsonValueRole).toJsonValue(),
             QJsonValue(QStringLiteral("ETH")));
    QCOMPARE(coin.data(MessageTableModel::PathRole).toString(), QStringLiteral("payload.coin"));
    QCOMPARE(m_model->headerData(3, Qt::Horizontal).toString(), QStringLiteral("payload.coin"));
    QCOMPARE(m_model->object(0).value(QStringLiteral("number")).toInt(), 1234567);
}

void TestMessageTableModel::valueAt_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("top") << QStringLiteral("number") << QJsonValue(7);
    QTest::newRow("nested") << QStringLiteral("payload.coin") << QJsonValue(QStringLiteral("ETH"));
    QTest::newRow("array step") << QStringLiteral("payload.topics.1")
                                << QJsonValue(QStringLiteral("b"));
    QTest::newRow("array out of range")
        << QStringLiteral("payload.topics.2") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("missing") << QStringLiteral("payload.nope") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("through a scalar")
        << QStringLiteral("number.x") << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("empty") << QStringLiteral("") << QJsonValue(QJsonValue::Undefined);
}

void TestMessageTableModel::valueAt()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, expected);
    const QJsonObject object = QJsonDocument::fromJson(makeMessage(7).json).object();
    QCOMPARE(MessageTableModel::valueAt(object, path), expected);
}

void TestMessageTableModel::setColumns()
{
    m_model->appendBatch(makeBatch(1, 10));
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy columns(m_model, &MessageTableModel::columnsChanged);
    m_model->setColumns({QStringLiteral("payload.coin"), QStringLiteral("number")});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(columns.count(), 1);
    QCOMPARE(m_model->columnCount(), 2);
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(m_model->index(3, 0).data().toString(), QStringLiteral("ETH"));
    QCOMPARE(m_model->index(3, 1).data().toString(), QStringLiteral("4"));
}

void TestMessageTableModel::noParsingOnAppend()
{
    // A table of 20,000 rows read through a 30-row window parses at most the cache's worth.
    m_model->appendBatch(makeBatch(1, 20000));
    for (int row = 19970; row < 20000; ++row)
        QVERIFY(!m_model->index(row, 0).data().toString().isEmpty());
    // The item model tester reads a few rows around every insertion, too.
    const int parsed = m_model->parsedRowCount();
    QVERIFY2(parsed <= 40, QByteArray::number(parsed).constData());
    m_model->appendBatch(makeBatch(20001, 5000));
    QVERIFY(m_model->parsedRowCount() <= parsed + 4);
}

void TestMessageTableModel::clearEmpties()
{
    m_model->appendBatch(makeBatch(1, 10));
    m_model->setPaused(true);
    m_model->appendBatch(makeBatch(11, 10));
    QSignalSpy pending(m_model, &MessageTableModel::pendingCountChanged);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->pendingCount(), 0);
    QCOMPARE(pending.count(), 1);
    QCOMPARE(m_model->bytes(), qint64(0));
}

void TestMessageTableModel::filterChangeMarks()
{
    m_model->setHistoryLimits(100, 1 << 30);
    m_model->appendBatch(makeBatch(1, 10));
    m_model->markFilterChange(QStringLiteral("A"));
    QCOMPARE(m_model->rowCount(), 10); // a mark is not a row
    m_model->appendBatch(makeBatch(11, 10));
    const auto change = [this](int row) {
        return m_model->index(row, 0).data(MessageTableModel::FilterChangeRole);
    };
    const auto segment = [this](int row) {
        return m_model->index(row, 0).data(MessageTableModel::FilterSegmentRole).toInt();
    };
    QVERIFY(change(9).isNull());
    QCOMPARE(change(10).toString(), QStringLiteral("A"));
    QVERIFY(change(11).isNull());
    QCOMPARE(segment(9), 0);
    QCOMPARE(segment(10), 1);
    QCOMPARE(segment(19), 1);
    QVERIFY(m_model->index(10, 1).data(Qt::ToolTipRole).toString().contains(QLatin1String("A")));

    // Marked while paused: the mark goes on the first message after the change, not on the
    // first of the backlog.
    m_model->setPaused(true);
    m_model->appendBatch(makeBatch(21, 5));
    m_model->markFilterChange(QStringLiteral("B"));
    m_model->appendBatch(makeBatch(26, 5));
    m_model->setPaused(false);
    QCOMPARE(sequenceAt(*m_model, 25), quint64(26));
    QCOMPARE(change(25).toString(), QStringLiteral("B"));
    QCOMPARE(segment(24), 1);
    QCOMPARE(segment(25), 2);

    // Evicting past the first mark keeps the numbers of what is left.
    m_model->appendBatch(makeBatch(31, 85)); // 115 in all, the oldest 15 go
    QCOMPARE(sequenceAt(*m_model, 0), quint64(16));
    QCOMPARE(segment(0), 1);
    QCOMPARE(change(10).toString(), QStringLiteral("B"));
    QCOMPARE(segment(10), 2);
    m_model->clear();
    m_model->appendBatch(makeBatch(200, 2));
    QVERIFY(change(0).isNull());
    QCOMPARE(segment(0), 0);
}

void TestMessageTableModel::fullHistoryBatchCost()
{
    delete m_tester; // the tester's own checks per signal would dominate the measurement
    m_tester = nullptr;
    m_model->setHistoryLimits(100000, 1ll << 32);
    QVector<StreamMessage> history;
    history.reserve(100000);
    for (int i = 0; i < 100000; ++i)
        history.append(makeMessage(quint64(i)));
    m_model->appendMessages(history);
    MessageFilterProxyModel proxy;
    proxy.setSourceModel(m_model);
    // The hash of sequence 255, closing quote included: one row.
    proxy.setSearchText(QStringLiteral("0x") + QString(62, QLatin1Char('0')) +
                        QStringLiteral("ff\""));
    // The search runs in the background; the proxy shows the match once it is done.
    QTRY_VERIFY(!proxy.isBusy());
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.evaluationCount(), quint64(100000));

    const MessageBatch batch = makeBatch(100000, 660);
    QElapsedTimer timer;
    timer.start();
    constexpr int Batches = 30;
    for (int i = 0; i < Batches; ++i)
        m_model->appendBatch(batch);
    const qint64 perBatchUs = timer.nsecsElapsed() / 1000 / Batches;
    qInfo("one 660-message batch at 100,000 rows with a searching proxy: %lld us", perBatchUs);
    QCOMPARE(m_model->rowCount(), 100000);
    QCOMPARE(proxy.evaluationCount(), quint64(100000 + Batches * 660));
    QCOMPARE(m_model->parsedRowCount(), 0);
}

QTEST_GUILESS_MAIN(TestMessageTableModel)
#include "tst_messagetablemodel.moc"
