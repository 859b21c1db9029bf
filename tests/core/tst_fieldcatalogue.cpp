// SPDX-License-Identifier: MIT
#include "core/stream/fieldcatalogue.h"

#include <QTest>

using namespace allium;

namespace {

FieldInfo fieldNamed(const QVector<FieldInfo> &fields, const QString &path)
{
    for (const FieldInfo &field : fields) {
        if (field.path == path)
            return field;
    }
    return FieldInfo();
}

QStringList paths(const QVector<FieldInfo> &fields)
{
    QStringList result;
    for (const FieldInfo &field : fields)
        result << field.path;
    return result;
}

} // namespace

// FieldCatalogue: dot paths, types, presence, ranges, sampling and bounds.
class TestFieldCatalogue : public QObject
{
    Q_OBJECT
private slots:
    void pathsInFirstSeenOrder();
    void types_data();
    void types();
    void presenceAndRatio();
    void presenceCountsAPathOncePerMessage();
    void numericRanges();
    void arraysAreNotDescended();
    void rejectsNonObjects_data();
    void rejectsNonObjects();
    void samplingPolicy();
    void newFieldNotification();
    void fieldCountIsBounded();
    void deepNestingIsBounded();
    void anotherTopicStartsEmpty();
};

// Nested objects give dot paths, listed in the order they were first seen.
void TestFieldCatalogue::pathsInFirstSeenOrder()
{
    FieldCatalogue catalogue;
    QVERIFY(catalogue.addMessage(R"({"a":1,"payload":{"coin":"ETH","px":{"value":2}},"b":true})"));
    QVERIFY(catalogue.addMessage(R"({"z":null,"a":2})"));
    QCOMPARE(
        paths(catalogue.snapshot()),
        (QStringList{QStringLiteral("a"), QStringLiteral("payload"), QStringLiteral("payload.coin"),
                     QStringLiteral("payload.px"), QStringLiteral("payload.px.value"),
                     QStringLiteral("b"), QStringLiteral("z")}));
}

// Each JSON type is recorded; a field seen with two types carries both.
void TestFieldCatalogue::types_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<unsigned>("expected");
    QTest::addColumn<QString>("text");
    QTest::newRow("number") << QByteArray(R"({"f":1})") << QByteArray(R"({"f":2.5})")
                            << unsigned(FieldInfo::Number) << QStringLiteral("number");
    QTest::newRow("big unsigned") << QByteArray(R"({"f":18446744073709551615})")
                                  << QByteArray(R"({"f":-1})") << unsigned(FieldInfo::Number)
                                  << QStringLiteral("number");
    QTest::newRow("string") << QByteArray(R"({"f":"x"})") << QByteArray(R"({"f":"y"})")
                            << unsigned(FieldInfo::String) << QStringLiteral("string");
    QTest::newRow("number or null")
        << QByteArray(R"({"f":1})") << QByteArray(R"({"f":null})")
        << unsigned(FieldInfo::Number | FieldInfo::Null) << QStringLiteral("number|null");
    QTest::newRow("bool") << QByteArray(R"({"f":true})") << QByteArray(R"({"f":false})")
                          << unsigned(FieldInfo::Bool) << QStringLiteral("bool");
    QTest::newRow("object or array")
        << QByteArray(R"({"f":{}})") << QByteArray(R"({"f":[]})")
        << unsigned(FieldInfo::Object | FieldInfo::Array) << QStringLiteral("object|array");
}

void TestFieldCatalogue::types()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(unsigned, expected);
    QFETCH(QString, text);
    FieldCatalogue catalogue;
    QVERIFY(catalogue.addMessage(first));
    QVERIFY(catalogue.addMessage(second));
    const FieldInfo field = fieldNamed(catalogue.snapshot(), QStringLiteral("f"));
    QCOMPARE(field.types, expected);
    QCOMPARE(field.typeText(), text);
}

// Presence counts the sampled messages that had the path; the ratio is over all samples.
void TestFieldCatalogue::presenceAndRatio()
{
    FieldCatalogue catalogue;
    catalogue.addMessage(R"({"always":1,"sometimes":1})");
    catalogue.addMessage(R"({"always":2})");
    catalogue.addMessage(R"({"always":3})");
    catalogue.addMessage(R"({"always":4,"sometimes":null})");
    const QVector<FieldInfo> fields = catalogue.snapshot();
    QCOMPARE(fieldNamed(fields, QStringLiteral("always")).presence, quint64(4));
    QCOMPARE(fieldNamed(fields, QStringLiteral("always")).presenceRatio, 1.0);
    QCOMPARE(fieldNamed(fields, QStringLiteral("sometimes")).presence, quint64(2));
    QCOMPARE(fieldNamed(fields, QStringLiteral("sometimes")).presenceRatio, 0.5);
    QCOMPARE(catalogue.sampledMessages(), quint64(4));
}

// A path named twice in one message (a duplicated key, or a dotted key next to the nested
// object) is present once: the ratio never exceeds 1. Its values all still count.
void TestFieldCatalogue::presenceCountsAPathOncePerMessage()
{
    FieldCatalogue catalogue;
    catalogue.addMessage(R"({"fee":"7","fee":"9","a.b":1,"a":{"b":5}})");
    catalogue.addMessage(R"({"fee":"8"})");
    const QVector<FieldInfo> fields = catalogue.snapshot();
    const FieldInfo fee = fieldNamed(fields, QStringLiteral("fee"));
    QCOMPARE(fee.presence, quint64(2));
    QCOMPARE(fee.presenceRatio, 1.0);
    QCOMPARE(fee.min, 7.0);
    QCOMPARE(fee.max, 9.0);
    const FieldInfo ab = fieldNamed(fields, QStringLiteral("a.b"));
    QCOMPARE(ab.presence, quint64(1));
    QCOMPARE(ab.presenceRatio, 0.5);
    QCOMPARE(ab.max, 5.0);
}

// Numbers and decimal strings feed min/max; hex strings and words do not.
void TestFieldCatalogue::numericRanges()
{
    FieldCatalogue catalogue;
    catalogue.addMessage(R"({"n":5,"wei":"1000000000000000000","hash":"0xff","word":"abc"})");
    catalogue.addMessage(R"({"n":-2.5,"wei":"3","hash":"0x01","word":"12abc"})");
    catalogue.addMessage(R"({"n":7,"wei":"20"})");
    const QVector<FieldInfo> fields = catalogue.snapshot();
    const FieldInfo n = fieldNamed(fields, QStringLiteral("n"));
    QVERIFY(n.hasRange);
    QCOMPARE(n.min, -2.5);
    QCOMPARE(n.max, 7.0);
    QVERIFY(!n.numericString);
    const FieldInfo wei = fieldNamed(fields, QStringLiteral("wei"));
    QVERIFY(wei.hasRange);
    QVERIFY(wei.numericString);
    QCOMPARE(wei.min, 3.0);
    QCOMPARE(wei.max, 1e18);
    QVERIFY(!fieldNamed(fields, QStringLiteral("hash")).hasRange);
    QVERIFY(!fieldNamed(fields, QStringLiteral("word")).hasRange);
}

// An array is one field of type array; objects inside it add no paths.
void TestFieldCatalogue::arraysAreNotDescended()
{
    FieldCatalogue catalogue;
    catalogue.addMessage(R"({"logs":[{"topic":"a"},{"topic":"b"}],"x":{"list":[1,2]}})");
    QCOMPARE(paths(catalogue.snapshot()),
             (QStringList{QStringLiteral("logs"), QStringLiteral("x"), QStringLiteral("x.list")}));
    QCOMPARE(fieldNamed(catalogue.snapshot(), QStringLiteral("logs")).typeText(),
             QStringLiteral("array"));
}

// Malformed JSON and non-object documents are refused and leave no trace.
void TestFieldCatalogue::rejectsNonObjects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("truncated") << QByteArray(R"({"a":1)");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("\x01\x02nope");
    QTest::newRow("trailing") << QByteArray(R"({"a":1} x)");
}

void TestFieldCatalogue::rejectsNonObjects()
{
    QFETCH(QByteArray, json);
    FieldCatalogue catalogue;
    QVERIFY(!catalogue.addMessage(json));
    QCOMPARE(catalogue.fieldCount(), 0);
    QCOMPARE(catalogue.sampledMessages(), quint64(0));
}

// offer() takes every one of the first N messages, then one in M.
void TestFieldCatalogue::samplingPolicy()
{
    FieldCatalogue catalogue;
    catalogue.setSampling(10, 5);
    int added = 0;
    for (int i = 0; i < 60; ++i)
        added += catalogue.offer(R"({"a":1})") ? 1 : 0;
    // 10 at first, then messages 10, 15, …, 55 of the remaining 50.
    QCOMPARE(added, 20);
    QCOMPARE(catalogue.offeredMessages(), quint64(60));
    QCOMPARE(catalogue.sampledMessages(), quint64(20));
}

// takeNewFields() reports once per appearance of new paths, not for repeats.
void TestFieldCatalogue::newFieldNotification()
{
    FieldCatalogue catalogue;
    QVERIFY(!catalogue.takeNewFields());
    catalogue.addMessage(R"({"a":1})");
    QVERIFY(catalogue.takeNewFields());
    QVERIFY(!catalogue.takeNewFields());
    catalogue.addMessage(R"({"a":2})");
    QVERIFY(!catalogue.takeNewFields());
    QVERIFY(catalogue.takeChanged());
    catalogue.addMessage(R"({"a":2,"b":3})");
    QVERIFY(catalogue.takeNewFields());
}

// Random keys cannot grow the catalogue past MaxFields.
void TestFieldCatalogue::fieldCountIsBounded()
{
    FieldCatalogue catalogue;
    for (int i = 0; i < FieldCatalogue::MaxFields + 500; ++i)
        catalogue.addMessage(QStringLiteral("{\"k%1\":1}").arg(i).toUtf8());
    QCOMPARE(catalogue.fieldCount(), FieldCatalogue::MaxFields);
}

// Deep nesting stops at MaxDepth levels of path.
void TestFieldCatalogue::deepNestingIsBounded()
{
    QByteArray json;
    for (int i = 0; i < 100; ++i)
        json += "{\"a\":";
    json += "1";
    for (int i = 0; i < 100; ++i)
        json += "}";
    FieldCatalogue catalogue;
    QVERIFY(catalogue.addMessage(json));
    QCOMPARE(catalogue.fieldCount(), FieldCatalogue::MaxDepth);
}

// Fields are per topic: naming another topic forgets the previous one's, the same one keeps them.
void TestFieldCatalogue::anotherTopicStartsEmpty()
{
    FieldCatalogue catalogue;
    catalogue.setTopic(QStringLiteral("solana.transactions"));
    QVERIFY(catalogue.addMessage(R"({"block_slot":1})"));
    catalogue.setTopic(QStringLiteral("solana.transactions"));
    QCOMPARE(catalogue.fieldCount(), 1);
    catalogue.setTopic(QStringLiteral("ethereum.transactions"));
    QCOMPARE(catalogue.fieldCount(), 0);
    QVERIFY(catalogue.takeChanged());
    QVERIFY(catalogue.addMessage(R"({"gas_price":2})"));
    QCOMPARE(paths(catalogue.snapshot()), QStringList{QStringLiteral("gas_price")});
    QCOMPARE(catalogue.topic(), QStringLiteral("ethereum.transactions"));
}

QTEST_GUILESS_MAIN(TestFieldCatalogue)
#include "tst_fieldcatalogue.moc"
