// SPDX-License-Identifier: MIT
#include "core/json/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace allium;

namespace {

// Finds the row whose key column reads `key` under `parent`.
QModelIndex childByKey(const QAbstractItemModel &model, const QString &key,
                       const QModelIndex &parent = {})
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, JsonTreeModel::KeyColumn, parent);
        if (index.data().toString() == key)
            return index;
    }
    return {};
}

QString cell(const QModelIndex &keyIndex, int column)
{
    return keyIndex.siblingAtColumn(column).data().toString();
}

} // namespace

class TestJsonTreeModel : public QObject
{
    Q_OBJECT

private slots:
    // A nested message shows keys, values and types at every level, with filter-style paths.
    void nestedDocument();
    // Scalars are displayed exactly: integers without exponent, big ones as the double gives.
    void displayText_data();
    void displayText();
    // Replacing and clearing the document resets the model cleanly.
    void resetAndClear();
    // Invalid JSON text is refused with an error and leaves an empty model.
    void invalidText();
    // A document larger than the node budget is cut with a "…" row instead of freezing.
    void nodeBudget();
    // A top-level array and a top-level scalar are shown too.
    void nonObjectRoots();
};

void TestJsonTreeModel::nestedDocument()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJsonText(R"({"payload":{"coin":"ETH","px":"3012.5","time":1753284680334,
        "crossed":true,"liquidation":null},"topics":["0xabc","0xdef"],"source":"hl"})"));

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(JsonTreeModel::TypeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Type"));

    const QModelIndex payload = childByKey(model, QStringLiteral("payload"));
    QVERIFY(payload.isValid());
    QCOMPARE(cell(payload, JsonTreeModel::ValueColumn), QStringLiteral("{5}"));
    QCOMPARE(cell(payload, JsonTreeModel::TypeColumn), QStringLiteral("object"));
    QCOMPARE(model.rowCount(payload), 5);

    const QModelIndex coin = childByKey(model, QStringLiteral("coin"), payload);
    QCOMPARE(cell(coin, JsonTreeModel::ValueColumn), QStringLiteral("ETH"));
    QCOMPARE(cell(coin, JsonTreeModel::TypeColumn), QStringLiteral("string"));
    QCOMPARE(coin.data(JsonTreeModel::PathRole).toString(), QStringLiteral("payload.coin"));
    QCOMPARE(model.parent(coin), payload);

    const QModelIndex time = childByKey(model, QStringLiteral("time"), payload);
    QCOMPARE(cell(time, JsonTreeModel::ValueColumn), QStringLiteral("1753284680334"));
    QCOMPARE(cell(time, JsonTreeModel::TypeColumn), QStringLiteral("number"));
    QCOMPARE(
        cell(childByKey(model, QStringLiteral("crossed"), payload), JsonTreeModel::ValueColumn),
        QStringLiteral("true"));
    QCOMPARE(
        cell(childByKey(model, QStringLiteral("liquidation"), payload), JsonTreeModel::TypeColumn),
        QStringLiteral("null"));

    const QModelIndex topics = childByKey(model, QStringLiteral("topics"));
    QCOMPARE(cell(topics, JsonTreeModel::ValueColumn), QStringLiteral("[2]"));
    const QModelIndex second = childByKey(model, QStringLiteral("[1]"), topics);
    QCOMPARE(cell(second, JsonTreeModel::ValueColumn), QStringLiteral("0xdef"));
    QCOMPARE(second.data(JsonTreeModel::PathRole).toString(), QStringLiteral("topics.1"));
    QCOMPARE(second.data(JsonTreeModel::JsonValueRole).value<QJsonValue>(),
             QJsonValue(QStringLiteral("0xdef")));
    QCOMPARE(model.rowCount(second), 0);
    QCOMPARE(model.rowCount(second.siblingAtColumn(JsonTreeModel::ValueColumn)), 0);
}

void TestJsonTreeModel::displayText_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("block number") << QJsonValue(18000000) << "18000000";
    QTest::newRow("2^53") << QJsonValue(9007199254740992.0) << "9007199254740992";
    QTest::newRow("negative") << QJsonValue(-42) << "-42";
    QTest::newRow("fraction") << QJsonValue(0.25) << "0.25";
    QTest::newRow("huge") << QJsonValue(1e21) << "1e+21";
    QTest::newRow("wei string") << QJsonValue(QStringLiteral("1000000000000000000000"))
                                << "1000000000000000000000";
    QTest::newRow("false") << QJsonValue(false) << "false";
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << "null";
    QTest::newRow("empty array") << QJsonValue(QJsonArray()) << "[0]";
}

void TestJsonTreeModel::displayText()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, text);
    QCOMPARE(JsonTreeModel::displayText(value), text);
}

void TestJsonTreeModel::resetAndClear()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setJson(QJsonObject{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}});
    QCOMPARE(model.rowCount(), 2);
    model.setJson(QJsonObject{{QStringLiteral("c"), QJsonObject{{QStringLiteral("d"), 3}}}});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 3);
}

void TestJsonTreeModel::invalidText()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJson(QJsonObject{{QStringLiteral("a"), 1}});
    QString error;
    QVERIFY(!model.setJsonText(R"({"a": 1,)", &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestJsonTreeModel::nodeBudget()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxNodes(10);
    QJsonArray array;
    for (int i = 0; i < 100; ++i)
        array.append(i);
    model.setJson(QJsonObject{{QStringLiteral("items"), array}});
    const QModelIndex items = model.index(0, 0);
    QCOMPARE(model.rowCount(items), 10); // 9 values fit after "items", then the marker
    QCOMPARE(model.index(9, 0, items).data().toString(), QStringLiteral("…"));
    QVERIFY(model.index(9, JsonTreeModel::ValueColumn, items).data().toString().isEmpty());
}

void TestJsonTreeModel::nonObjectRoots()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJsonText("[1, {\"x\": \"y\"}]"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("[1]"));
    QCOMPARE(model.index(0, 0, model.index(1, 0)).data(JsonTreeModel::PathRole).toString(),
             QStringLiteral("1.x"));
    model.setJson(QJsonValue(7));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("7"));
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
