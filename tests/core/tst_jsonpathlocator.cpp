// SPDX-License-Identifier: MIT
#include "core/filter/filter.h"
#include "core/json/jsonpathlocator.h"

#include <QTest>

using allium::Filter;
using allium::JsonPathLocator;

// Mapping error paths such as `conditions[1].operator` to character ranges in filter text.
class TestJsonPathLocator : public QObject
{
    Q_OBJECT

private slots:
    void locate_data();
    void locate();
    void locatesParseErrors_data();
    void locatesParseErrors();
    void deepNestingIsSafe();
};

void TestJsonPathLocator::locate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("expectedStart");
    QTest::addColumn<QString>("expectedText");

    const QString leaf = QStringLiteral(R"({"field": "a", "operator": "==", "value": 1})");
    QTest::newRow("root") << leaf << "" << 0 << leaf;
    QTest::newRow("leaf operator") << leaf << "operator" << 27 << "\"==\"";
    QTest::newRow("leaf number") << leaf << "value" << 42 << "1";
    QTest::newRow("missing key gives object") << leaf << "conditions" << 0 << leaf;

    const QString group = QStringLiteral(
        "{\n  \"op\": \"AND\",\n  \"conditions\": [\n"
        "    {\"field\": \"x\", \"operator\": \"=\", \"value\": \"a,]}\\\"b\"},\n"
        "    {\"field\": \"y\", \"operator\": \"==\", \"value\": [1, 2]},\n"
        "    {\"op\": \"OR\", \"conditions\": [{\"operator\": \"=\", \"value\": true}]}\n"
        "  ]\n}");
    QTest::newRow("group op") << group << "op" << int(group.indexOf(QLatin1String("\"AND\"")))
                              << "\"AND\"";
    QTest::newRow("string with brackets and escapes")
        << group << "conditions[0].value" << int(group.indexOf(QLatin1String("\"a,]")))
        << "\"a,]}\\\"b\"";
    QTest::newRow("second condition operator")
        << group << "conditions[1].operator" << int(group.indexOf(QLatin1String("\"==\"")))
        << "\"==\"";
    QTest::newRow("array value") << group << "conditions[1].value"
                                 << int(group.indexOf(QLatin1String("[1, 2]"))) << "[1, 2]";
    QTest::newRow("array item") << group << "conditions[1].value[1]"
                                << int(group.indexOf(QLatin1String("2]"))) << "2";
    const QString inner = QStringLiteral("{\"operator\": \"=\", \"value\": true}");
    QTest::newRow("missing field in nested group gives its object")
        << group << "conditions[2].conditions[0].field" << int(group.indexOf(inner)) << inner;
    const QString list =
        group.mid(group.indexOf(QLatin1String("[\n")),
                  group.lastIndexOf(QLatin1Char(']')) - group.indexOf(QLatin1String("[\n")) + 1);
    QTest::newRow("index past end gives the array")
        << group << "conditions[7].field" << int(group.indexOf(list)) << list;

    const QString unicode =
        QStringLiteral(u"{\"field\": \"m\u00fcnze\", \"operator\": \"\u2260\"}");
    QTest::newRow("characters, not bytes")
        << unicode << "operator" << int(unicode.indexOf(QStringLiteral(u"\"\u2260\"")))
        << QStringLiteral(u"\"\u2260\"");
    const QString duplicate = QStringLiteral(R"({"field": "a", "field": "b"})");
    QTest::newRow("duplicate key: last wins") << duplicate << "field" << 24 << "\"b\"";
    const QString escapedKey = QStringLiteral(R"({"fi\u0065ld": 5})");
    QTest::newRow("escaped key") << escapedKey << "field" << 15 << "5";
    const QString broken = QStringLiteral(R"({"field": "a", "operator": )");
    QTest::newRow("truncated text") << broken << "operator" << 0 << broken;
}

// The range covers the named value, or the nearest enclosing value that exists.
void TestJsonPathLocator::locate()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    QFETCH(int, expectedStart);
    QFETCH(QString, expectedText);

    const JsonPathLocator::Range range = JsonPathLocator::locate(text, path);
    QVERIFY(range.isValid());
    QCOMPARE(text.mid(range.start, range.length), expectedText);
    QCOMPARE(range.start, expectedStart);
}

void TestJsonPathLocator::locatesParseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expectedPath");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("unknown operator")
        << R"({"op":"OR","conditions":[{"field":"a","operator":"=","value":1},)"
           R"({"field":"b","operator":"==","value":2}]})"
        << "conditions[1].operator"
        << "\"==\"";
    QTest::newRow("missing field")
        << R"({"op":"AND","conditions":[{"op":"OR","conditions":[{"field":"a","operator":)"
           R"("exists","value":true},{"operator":"=","value":1}]}]})"
        << "conditions[0].conditions[1].field"
        << R"({"operator":"=","value":1})";
    QTest::newRow("bad list item") << R"({"field":"a","operator":"in","value":[1,"b",{"c":1}]})"
                                   << "value[2]"
                                   << R"({"c":1})";
}

// The paths Filter::parse() reports lead the locator to the offending text.
void TestJsonPathLocator::locatesParseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, expectedPath);
    QFETCH(QString, expectedText);

    const auto result = Filter::parse(text.toUtf8());
    QVERIFY(!result.ok());
    QCOMPARE(result.errorPath, expectedPath);
    const JsonPathLocator::Range range = JsonPathLocator::locate(text, result.errorPath);
    QCOMPARE(text.mid(range.start, range.length), expectedText);
}

// Deeply nested or malformed input neither crashes nor hangs, and bad paths find nothing.
void TestJsonPathLocator::deepNestingIsSafe()
{
    const QString deep = QString(100000, QLatin1Char('[')) + QString(100000, QLatin1Char(']'));
    const JsonPathLocator::Range range = JsonPathLocator::locate(deep, u"[0][0][0]");
    QCOMPARE(range.start, 3);
    QCOMPARE(range.length, deep.size() - 6);

    const QString unterminated = QString(1000, QLatin1Char('{'));
    QVERIFY(JsonPathLocator::locate(unterminated, u"a.b").isValid());
    QVERIFY(!JsonPathLocator::locate(u"", u"a").isValid());
    QVERIFY(!JsonPathLocator::locate(u"{}", u"a[").isValid());
    QVERIFY(!JsonPathLocator::locate(u"{}", u"a[-1]").isValid());
}

QTEST_GUILESS_MAIN(TestJsonPathLocator)
#include "tst_jsonpathlocator.moc"
