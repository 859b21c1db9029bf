// SPDX-License-Identifier: MIT
#include "core/json/jsonkeyorder.h"

#include <QTest>

using namespace allium;

using KeyOrder = QHash<QString, QStringList>;

/// The members of a response's rows in the order its text wrote them.
class TestJsonKeyOrder : public QObject
{
    Q_OBJECT

private slots:
    // Rows under data.items or data itself give their members per object in first-seen order,
    // nested objects down to maxDepth, only the first maxRows rows.
    void membersInWrittenOrder();
    // What is not a whole response frame gives nothing (the table then sorts keys).
    void notAFrameGivesNothing_data();
    void notAFrameGivesNothing();
    // Thousands of distinct members are recorded up to MaxKeys.
    void keysAreBounded();
};

void TestJsonKeyOrder::membersInWrittenOrder()
{
    const QByteArray frame =
        R"({"id":"1","status":"success","data":{"cursor":"c","items":[)"
        R"({"symbol":"USDC","chain":"ethereum","token":{"name":"USD Coin","address":"0x1",)"
        R"("info":{"z":1,"deep":{"x":1}}}},)"
        R"({"volume":5,"chain":"base","price":2},)"
        R"({"late":1}]}})";
    const KeyOrder order = JsonKeyOrder::ofRows(frame, 2, 3);
    QCOMPARE(order.value(QString()), QStringList({QStringLiteral("symbol"), QStringLiteral("chain"),
                                                  QStringLiteral("token"), QStringLiteral("volume"),
                                                  QStringLiteral("price")}));
    QCOMPARE(
        order.value(QStringLiteral("token.")),
        QStringList({QStringLiteral("name"), QStringLiteral("address"), QStringLiteral("info")}));
    QCOMPARE(order.value(QStringLiteral("token.info.")),
             QStringList({QStringLiteral("z"), QStringLiteral("deep")}));
    QVERIFY(!order.contains(QStringLiteral("token.info.deep.")));

    const KeyOrder array = JsonKeyOrder::ofRows(R"({"data":[{"b":1,"a":2},3]})", 10, 3);
    QCOMPARE(array.value(QString()), QStringList({QStringLiteral("b"), QStringLiteral("a")}));
}

void TestJsonKeyOrder::notAFrameGivesNothing_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("cut") << QByteArray(R"({"data":{"items":[{"b":1,"a")");
    QTest::newRow("no data") << QByteArray(R"({"items":[{"b":1}]})");
    QTest::newRow("data without rows") << QByteArray(R"({"data":{"b":1}})");
    QTest::newRow("not json") << QByteArray("garbage");
    QTest::newRow("top-level array") << QByteArray(R"([{"b":1}])");
}

void TestJsonKeyOrder::notAFrameGivesNothing()
{
    QFETCH(QByteArray, text);
    QVERIFY(JsonKeyOrder::ofRows(text, 10, 3).isEmpty());
}

void TestJsonKeyOrder::keysAreBounded()
{
    QByteArray frame = R"({"data":[{)";
    for (int i = 0; i < JsonKeyOrder::MaxKeys + 100; ++i)
        frame += (i ? "," : "") + QByteArray(R"("k)") + QByteArray::number(i) + R"(":1)";
    frame += "}]}";
    const KeyOrder order = JsonKeyOrder::ofRows(frame, 1, 3);
    QCOMPARE(order.value(QString()).size(), JsonKeyOrder::MaxKeys);
    QCOMPARE(order.value(QString()).constFirst(), QStringLiteral("k0"));
}

QTEST_GUILESS_MAIN(TestJsonKeyOrder)
#include "tst_jsonkeyorder.moc"
