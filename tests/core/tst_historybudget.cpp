// SPDX-License-Identifier: MIT
#include "core/table/messagetablemodel.h"
#include "core/workspace/historybudget.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace allium;

// The memory budget over several histories: the largest give up their oldest messages first,
// and the user is told once per history.
class TestHistoryBudget : public QObject
{
    Q_OBJECT
private slots:
    void underBudgetNothingIsTrimmed();
    void largestHistoriesGiveFirst();
    void oldestMessagesGo();
    void toldOncePerEpisode();
    void loweringTheBudgetTrimsAtOnce();
    void removedHistoriesStopCounting();

private:
    // A history holding `count` messages of `size` bytes of JSON each.
    static std::unique_ptr<MessageTableModel> history(int count, int size, int firstId = 0);
    static void append(MessageTableModel &model, int count, int size, int firstId);
};

std::unique_ptr<MessageTableModel> TestHistoryBudget::history(int count, int size, int firstId)
{
    auto model = std::make_unique<MessageTableModel>();
    model->setHistoryLimits(1000000, qint64(1) << 40);
    append(*model, count, size, firstId);
    return model;
}

void TestHistoryBudget::append(MessageTableModel &model, int count, int size, int firstId)
{
    QVector<StreamMessage> messages;
    for (int i = 0; i < count; ++i) {
        StreamMessage message;
        QByteArray json = "{\"id\":" + QByteArray::number(firstId + i) + ",\"pad\":\"";
        json += QByteArray(std::max<qsizetype>(0, size - json.size() - 2), 'x') + "\"}";
        message.json = json;
        message.sequence = quint64(firstId + i);
        messages.append(message);
    }
    model.appendMessages(messages);
}

void TestHistoryBudget::underBudgetNothingIsTrimmed()
{
    auto a = history(100, 1000);
    auto b = history(50, 1000);
    HistoryBudget budget;
    budget.setBudgetBytes(a->bytes() + b->bytes() + 1);
    budget.addHistory(a.get());
    budget.addHistory(b.get());
    QCOMPARE(a->rowCount(), 100);
    QCOMPARE(b->rowCount(), 50);
    QCOMPARE(budget.trimmedMessages(), quint64(0));
    QCOMPARE(budget.usedBytes(), a->bytes() + b->bytes());
}

void TestHistoryBudget::largestHistoriesGiveFirst()
{
    // 1,000, 400 and 100 messages' worth against a budget of 1,000: only the largest gives, down
    // to 500; the others keep all they have.
    auto large = history(1000, 1000);
    auto medium = history(400, 1000);
    auto small = history(100, 1000);
    const qint64 perMessage = large->bytes() / 1000;
    HistoryBudget budget;
    budget.addHistory(large.get());
    budget.addHistory(medium.get());
    budget.addHistory(small.get());
    QCOMPARE(budget.trimmedMessages(), quint64(0));
    budget.setBudgetBytes(1000 * perMessage);
    QVERIFY(budget.usedBytes() <= budget.budgetBytes());
    QCOMPARE(small->rowCount(), 100);
    QCOMPARE(large->rowCount(), 500);
    QCOMPARE(medium->rowCount(), 400);
    QCOMPARE(budget.trimmedMessages(large.get()), quint64(500));
    QCOMPARE(budget.trimmedMessages(medium.get()), quint64(0));
    // Lower still: the two largest are cut to one level (350 each), the smallest keeps its 100.
    budget.setBudgetBytes(800 * perMessage);
    QCOMPARE(large->rowCount(), 350);
    QCOMPARE(medium->rowCount(), 350);
    QCOMPARE(small->rowCount(), 100);
    QCOMPARE(budget.trimmedMessages(), quint64(500 + 150 + 50));
}

void TestHistoryBudget::oldestMessagesGo()
{
    auto a = history(100, 1000);
    QAbstractItemModelTester tester(a.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto b = history(10, 1000, 5000);
    HistoryBudget budget;
    budget.setBudgetBytes(b->bytes() + 60 * (a->bytes() / 100));
    budget.addHistory(a.get());
    budget.addHistory(b.get());
    QCOMPARE(a->rowCount(), 60);
    QCOMPARE(a->message(0).sequence, quint64(40)); // the 40 oldest went
    QCOMPARE(a->message(59).sequence, quint64(99));
    // New messages keep coming: the budget holds, still oldest first.
    append(*a, 20, 1000, 100);
    QVERIFY(budget.usedBytes() <= budget.budgetBytes());
    QCOMPARE(a->message(a->rowCount() - 1).sequence, quint64(119));
    QCOMPARE(b->rowCount(), 10);
}

void TestHistoryBudget::toldOncePerEpisode()
{
    auto a = history(100, 1000);
    HistoryBudget budget;
    QSignalSpy told(&budget, &HistoryBudget::historyTrimmed);
    budget.setBudgetBytes(50 * (a->bytes() / 100));
    budget.addHistory(a.get());
    QCOMPARE(told.size(), 1);
    QCOMPARE(told.first().at(0).value<MessageTableModel *>(), a.get());
    QCOMPARE(told.first().at(1).toULongLong(), quint64(50));
    for (int i = 0; i < 5; ++i)
        append(*a, 10, 1000, 1000 + i * 10);
    QCOMPARE(told.size(), 1); // still the same episode: not told again
    QCOMPARE(budget.trimmedMessages(a.get()), quint64(100));
    // Usage falls well below the budget (the user cleared), then reaches it again: told again.
    a->clear();
    append(*a, 10, 1000, 2000);
    QCOMPARE(told.size(), 1);
    append(*a, 60, 1000, 3000);
    QCOMPARE(told.size(), 2);
}

void TestHistoryBudget::loweringTheBudgetTrimsAtOnce()
{
    auto a = history(200, 1000);
    HistoryBudget budget;
    budget.addHistory(a.get());
    QSignalSpy changed(&budget, &HistoryBudget::budgetChanged);
    budget.setBudgetBytes(a->bytes() / 4);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(a->rowCount(), 50);
}

void TestHistoryBudget::removedHistoriesStopCounting()
{
    auto a = history(100, 1000);
    auto b = history(100, 1000);
    HistoryBudget budget;
    budget.addHistory(a.get());
    budget.addHistory(b.get());
    QCOMPARE(budget.historyCount(), 2);
    budget.removeHistory(a.get());
    QCOMPARE(budget.usedBytes(), b->bytes());
    b.reset(); // destroyed: forgotten
    QCOMPARE(budget.historyCount(), 0);
    QCOMPARE(budget.usedBytes(), qint64(0));
    budget.setBudgetBytes(10); // nothing left to trim, nothing to crash on
    QCOMPARE(a->rowCount(), 100);
}

QTEST_GUILESS_MAIN(TestHistoryBudget)
#include "tst_historybudget.moc"
