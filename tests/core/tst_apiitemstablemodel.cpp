// SPDX-License-Identifier: MIT
#include "core/api/apiitemstablemodel.h"
#include "core/table/messagetablemodel.h"
#include "core/table/rowexporter.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QTest>
#include <QTimeZone>

using namespace allium;

namespace {

QJsonValue json(const char *text)
{
    const QJsonDocument d = QJsonDocument::fromJson(text);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

QString cell(const ApiItemsTableModel &model, int row, const QString &column)
{
    const int at = int(model.columns().indexOf(column));
    return at < 0 ? QStringLiteral("<no column>") : model.index(row, at).data().toString();
}

} // namespace

/// An API response's rows as a table: columns from the items' members, the stream table's
/// unit formatting, sorting by value, export through RowExporter.
class TestApiItemsTableModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void itemsOrTopLevelArray_data();
    void itemsOrTopLevelArray();
    void columnsAreTheUnionOfMembersInFirstSeenOrder();
    void columnsAreBounded();
    void unitsAreFormattedLikeTheStreamTable();
    void sortsByValueWithAbsentLast();
    void sortKeepsPersistentIndexes();
    void exportsCsvAndNdjson();
    // The pages of a walk are one table: rows in page order, pages without rows skipped, at
    // most MaxRows with the rest counted, exported whole.
    void pagesAreOneBoundedTable();
    // With the raw frame, columns follow the server's key order; a cut frame falls back to
    // key order.
    void columnsFollowTheFramesKeyOrder();

private:
    ApiItemsTableModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestApiItemsTableModel::init()
{
    m_model = new ApiItemsTableModel;
    m_model->setFormatter(
        ValueFormatter(QLocale(QLocale::English, QLocale::UnitedStates), QTimeZone::utc()));
    m_tester = new QAbstractItemModelTester(
        m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestApiItemsTableModel::cleanup()
{
    delete m_model;
    m_model = nullptr;
}

void TestApiItemsTableModel::itemsOrTopLevelArray_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("hasRows");
    QTest::addColumn<int>("rows");
    QTest::newRow("items") << QByteArray(R"({"items":[{"a":1},{"a":2}],"cursor":"x"})") << true
                           << 2;
    QTest::newRow("top-level array") << QByteArray(R"([{"a":1}])") << true << 1;
    QTest::newRow("empty items") << QByteArray(R"({"items":[]})") << true << 0;
    QTest::newRow("scalars") << QByteArray(R"([1,"two",null])") << true << 3;
    QTest::newRow("no items") << QByteArray(R"({"result":[1]})") << false << 0;
    QTest::newRow("items not an array") << QByteArray(R"({"items":{"a":1}})") << false << 0;
}

// Rows come from `items` or from a top-level array; anything else has no table.
void TestApiItemsTableModel::itemsOrTopLevelArray()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, hasRows);
    QFETCH(int, rows);
    QCOMPARE(m_model->setResponseData(json(data.constData())), hasRows);
    QCOMPARE(m_model->hasRows(), hasRows);
    QCOMPARE(m_model->rowCount(), rows);
}

// Columns are every member path seen, nested objects split, in the order first seen (within
// an item, key order: Qt keeps an object's keys sorted); the items' own values before the
// members of nested objects.
void TestApiItemsTableModel::columnsAreTheUnionOfMembersInFirstSeenOrder()
{
    m_model->setResponseData(
        json(R"({"items":[{"chain":"ethereum","token":{"address":"0x1","info":{"name":"USDC"}}},)"
             R"({"chain":"base","raw_balance":5,"labels":["a"]}]})"));
    QCOMPARE(m_model->columns(),
             QStringList({QStringLiteral("chain"), QStringLiteral("labels"),
                          QStringLiteral("raw_balance"), QStringLiteral("token.address"),
                          QStringLiteral("token.info.name")}));
    QCOMPARE(cell(*m_model, 0, QStringLiteral("token.info.name")), QStringLiteral("USDC"));
    QCOMPARE(cell(*m_model, 1, QStringLiteral("token.address")), QString());
    QCOMPARE(cell(*m_model, 1, QStringLiteral("labels")), QStringLiteral("[\"a\"]"));
    QCOMPARE(m_model->headerData(0, Qt::Horizontal, MessageTableModel::PathRole).toString(),
             QStringLiteral("chain"));
}

// A response with thousands of distinct members gets MaxColumns columns and a count of the rest.
void TestApiItemsTableModel::columnsAreBounded()
{
    QJsonArray items;
    for (int i = 0; i < 3; ++i) {
        QJsonObject item;
        for (int k = 0; k < 100; ++k)
            item.insert(QStringLiteral("k%1_%2").arg(i).arg(k), k);
        items.append(item);
    }
    m_model->setResponseData(items);
    QCOMPARE(m_model->columnCount(), ApiItemsTableModel::MaxColumns);
    QCOMPARE(m_model->hiddenColumnCount(), 300 - ApiItemsTableModel::MaxColumns);
}

// wei, gwei, timestamps and USD money objects read as in the stream table.
void TestApiItemsTableModel::unitsAreFormattedLikeTheStreamTable()
{
    m_model->setResponseData(json(
        R"({"items":[{"value":"1500000000000000000","gas_price":"12345678900",)"
        R"("block_timestamp":"2026-11-27T20:00:00Z","realized_pnl":{"currency":"USD","amount":"1234.567"},)"
        R"("average_cost":{"currency":"USD","amount":-0.00012345},"block_number":21000000}]})"));
    QCOMPARE(cell(*m_model, 0, QStringLiteral("value")), QStringLiteral("1.5 ETH"));
    QCOMPARE(cell(*m_model, 0, QStringLiteral("gas_price")), QStringLiteral("12.35 gwei"));
    QCOMPARE(cell(*m_model, 0, QStringLiteral("block_timestamp")),
             QStringLiteral("2026-11-27 20:00:00"));
    QCOMPARE(cell(*m_model, 0, QStringLiteral("realized_pnl")), QStringLiteral("$1,234.57"));
    QCOMPARE(cell(*m_model, 0, QStringLiteral("average_cost")), QStringLiteral("-$0.0001234"));
    QCOMPARE(cell(*m_model, 0, QStringLiteral("block_number")), QStringLiteral("21,000,000"));
    const int pnl = int(m_model->columns().indexOf(QStringLiteral("realized_pnl")));
    QCOMPARE(m_model->index(0, pnl).data(Qt::ToolTipRole).toString(),
             QStringLiteral("1234.567 USD"));
}

// Numbers (also as text, money amounts) sort by value; absent values go last both ways.
void TestApiItemsTableModel::sortsByValueWithAbsentLast()
{
    m_model->setResponseData(json(
        R"([{"n":"10","m":{"currency":"USD","amount":"2"}},{"n":9,"m":{"currency":"USD","amount":"10"}},)"
        R"({"x":1},{"n":"100","m":{"currency":"USD","amount":"-1"}}])"));
    const int n = int(m_model->columns().indexOf(QStringLiteral("n")));
    const int m = int(m_model->columns().indexOf(QStringLiteral("m")));
    m_model->sort(n, Qt::AscendingOrder);
    QStringList order;
    for (int row = 0; row < 4; ++row)
        order << m_model->index(row, n).data().toString();
    QCOMPARE(order, QStringList({QStringLiteral("9"), QStringLiteral("10"), QStringLiteral("100"),
                                 QString()}));
    m_model->sort(n, Qt::DescendingOrder);
    QCOMPARE(m_model->index(0, n).data().toString(), QStringLiteral("100"));
    QCOMPARE(m_model->index(3, n).data().toString(), QString());
    m_model->sort(m, Qt::AscendingOrder);
    QCOMPARE(m_model->index(0, m).data().toString(), QStringLiteral("-$1.00"));
    QCOMPARE(m_model->index(2, m).data().toString(), QStringLiteral("$10.00"));
}

// A selection (persistent index) follows its row through a sort.
void TestApiItemsTableModel::sortKeepsPersistentIndexes()
{
    m_model->setResponseData(json(R"([{"n":3},{"n":1},{"n":2}])"));
    const QPersistentModelIndex first(m_model->index(0, 0));
    m_model->sort(0, Qt::AscendingOrder);
    QCOMPARE(first.row(), 2);
    QCOMPARE(first.data().toString(), QStringLiteral("3"));
}

// CSV has one column per path with exact values and RFC 4180 quoting; NDJSON is one item per
// line.
void TestApiItemsTableModel::exportsCsvAndNdjson()
{
    m_model->setResponseData(
        json(R"({"items":[{"name":"a,\"b\"","value":"1500000000000000000","info":{"s":"=cmd"}},)"
             R"({"name":"line\nbreak","value":2}]})"));
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    QCOMPARE(RowExporter::write(*m_model, RowExporter::Format::Csv, &csv), 2);
    // Columns in key order (Qt keeps an object's keys sorted), nested members last; formulas
    // neutralised.
    QCOMPARE(csv.data(), QByteArray("name,value,info.s\r\n"
                                    "\"a,\"\"b\"\"\",1500000000000000000,'=cmd\r\n"
                                    "\"line\nbreak\",2,\r\n"));
    QBuffer ndjson;
    ndjson.open(QIODevice::WriteOnly);
    QCOMPARE(RowExporter::write(*m_model, RowExporter::Format::Ndjson, &ndjson), 2);
    const QList<QByteArray> lines = ndjson.data().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("value")),
             QJsonValue(2));
}

void TestApiItemsTableModel::pagesAreOneBoundedTable()
{
    QVERIFY(m_model->setResponsePages({json(R"({"items":[{"a":1},{"a":2}],"cursor":"x"})"),
                                       QJsonValue(QJsonValue::Undefined),
                                       json(R"({"items":[{"a":3,"b":"z"}]})")}));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->columns(), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(cell(*m_model, 2, QStringLiteral("a")), QStringLiteral("3"));
    QCOMPARE(m_model->droppedRowCount(), 0);
    QBuffer ndjson;
    ndjson.open(QIODevice::WriteOnly);
    QCOMPARE(RowExporter::write(*m_model, RowExporter::Format::Ndjson, &ndjson), 3);

    QVERIFY(!m_model->setResponsePages({json(R"({"cursor":"x"})"), QJsonValue()}));
    QCOMPARE(m_model->rowCount(), 0);

    // Past MaxRows across pages: the first MaxRows rows, the rest counted.
    const int perPage = ApiItemsTableModel::MaxRows / 2 + 10;
    QJsonArray items;
    for (int i = 0; i < perPage; ++i)
        items.append(i);
    QVERIFY(m_model->setResponsePages({items, items, items}));
    QCOMPARE(m_model->rowCount(), ApiItemsTableModel::MaxRows);
    QCOMPARE(m_model->droppedRowCount(), 3 * perPage - ApiItemsTableModel::MaxRows);
    QCOMPARE(cell(*m_model, perPage, QStringLiteral("item")), QStringLiteral("0"));
}

void TestApiItemsTableModel::columnsFollowTheFramesKeyOrder()
{
    const QByteArray frame =
        R"({"id":"x","status":"success","data":{"items":[)"
        R"({"symbol":"USDC","chain":"ethereum","token":{"name":"n","address":"0x1"}},)"
        R"({"volume":5,"chain":"base"}]}})";
    const QJsonValue data = QJsonDocument::fromJson(frame).object().value(QLatin1String("data"));
    QVERIFY(m_model->setResponseData(data, frame));
    QCOMPARE(
        m_model->columns(),
        QStringList({QStringLiteral("symbol"), QStringLiteral("chain"), QStringLiteral("volume"),
                     QStringLiteral("token.name"), QStringLiteral("token.address")}));
    QVERIFY(m_model->setResponseData(data, frame.left(40)));
    QCOMPARE(
        m_model->columns(),
        QStringList({QStringLiteral("chain"), QStringLiteral("symbol"), QStringLiteral("volume"),
                     QStringLiteral("token.address"), QStringLiteral("token.name")}));
    // A walk reads its order from the first page whose frame reads.
    QVERIFY(m_model->setResponsePages({data, data}, {frame.left(40), frame}));
    QCOMPARE(m_model->columns().constFirst(), QStringLiteral("symbol"));
    QCOMPARE(m_model->rowCount(), 4);
}

QTEST_GUILESS_MAIN(TestApiItemsTableModel)
#include "tst_apiitemstablemodel.moc"
