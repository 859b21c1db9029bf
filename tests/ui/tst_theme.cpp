// SPDX-License-Identifier: MIT
#include "core/api/apihistorymodel.h"
#include "ui/charts/timeserieschartview.h"
#include "ui/console/apihistoryproxymodel.h"
#include "ui/filter/filtereditorpanel.h"
#include "ui/json/jsonhighlighter.h"
#include "ui/theme/theme.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QChart>
#include <QLabel>
#include <QLineSeries>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextDocument>

using namespace allium;
using namespace allium::uitest;

namespace {

/// The application's palette with dark editors (Base) inside a light window: the case where
/// the widgets' old rules disagreed.
QPalette darkBaseLightWindow()
{
    QPalette palette = QApplication::palette();
    palette.setColor(QPalette::Base, QColor(30, 31, 34));
    palette.setColor(QPalette::Text, QColor(225, 227, 230));
    return palette;
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

private slots:
    void darkRuleFollowsBase_data();
    void darkRuleFollowsBase();
    void widgetsAgreeOnAMixedPalette();
    void coloursReadOnBase_data();
    void coloursReadOnBase();
    void filterStatusUsesTheTones();
};

void TestTheme::darkRuleFollowsBase_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<bool>("dark");
    QPalette lightBaseDarkWindow = QApplication::palette();
    lightBaseDarkWindow.setColor(QPalette::Window, QColor(45, 47, 51));
    QTest::newRow("the application's palette") << QApplication::palette() << false;
    QTest::newRow("the dark palette of --dark") << Theme::darkPalette() << true;
    QTest::newRow("dark base, light window") << darkBaseLightWindow() << true;
    QTest::newRow("light base, dark window") << lightBaseDarkWindow << false;
}

// A palette is dark when its Base colour is: Base is what the coloured text is drawn on.
void TestTheme::darkRuleFollowsBase()
{
    QFETCH(QPalette, palette);
    QFETCH(bool, dark);
    QCOMPARE(Theme::isDark(palette), dark);
}

// On a palette whose window is light around dark editors, the chart, the JSON colours and the
// console's tones all choose their dark-mode colours (the chart used to ask Window and drew
// the light theme's dark line on its dark plot area).
void TestTheme::widgetsAgreeOnAMixedPalette()
{
    const QPalette palette = darkBaseLightWindow();

    TimeSeriesChartView chart;
    chart.setPalette(palette);
    QCOMPARE(chart.chart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(chart.series()->pen().color(), Theme::color(Theme::Role::Series, palette));
    QVERIFY(contrast(chart.series()->pen().color(), palette.color(QPalette::Base)) >= 4.5);

    QTextDocument document;
    JsonHighlighter highlighter(&document, palette);
    const QColor key = highlighter.tokenFormat(JsonHighlighter::Token::Key).foreground().color();
    QCOMPARE(key, Theme::color(Theme::Role::JsonKey, palette));
    QVERIFY(contrast(key, palette.color(QPalette::Base)) >= 4.5);

    const QColor failure = ApiHistoryProxyModel::toneColor(ApiHistoryModel::Tone::Failure, palette);
    QCOMPARE(failure, Theme::color(Theme::Role::Failure, palette));
    QVERIFY(contrast(failure, palette.color(QPalette::Base)) >= 4.5);
}

void TestTheme::coloursReadOnBase_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<int>("role");
    const QList<Theme::Role> roles{Theme::Role::Pending,         Theme::Role::Success,
                                   Theme::Role::Failure,         Theme::Role::Warning,
                                   Theme::Role::JsonKey,         Theme::Role::JsonString,
                                   Theme::Role::JsonNumber,      Theme::Role::JsonKeyword,
                                   Theme::Role::JsonPunctuation, Theme::Role::Series};
    const QList<QPair<const char *, QPalette>> palettes{{"application", QApplication::palette()},
                                                        {"dark", Theme::darkPalette()}};
    for (const auto &[name, palette] : palettes) {
        for (const Theme::Role role : roles)
            QTest::addRow("%s, role %d", name, int(role)) << palette << int(role);
    }
}

// Every colour the theme adds (but the deliberately faint Muted) reads on the Base colour of the
// application's palette and of the dark one, at the WCAG AA ratio for text.
void TestTheme::coloursReadOnBase()
{
    QFETCH(QPalette, palette);
    QFETCH(int, role);
    const QColor colour = Theme::color(Theme::Role(role), palette);
    const double ratio = contrast(colour, palette.color(QPalette::Base));
    QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3")
                                          .arg(colour.name(), palette.color(QPalette::Base).name())
                                          .arg(ratio)));
}

// The filter editor's status says valid in the theme's success colour and invalid in its
// failure colour, on the palette it is shown with.
void TestTheme::filterStatusUsesTheTones()
{
    for (const QPalette &palette : {QApplication::palette(), Theme::darkPalette()}) {
        FilterEditorPanel panel;
        panel.setPalette(palette);
        auto *status = panel.findChild<QLabel *>(QStringLiteral("errorLabel"));
        auto *edit = panel.findChild<QPlainTextEdit *>(QStringLiteral("jsonEdit"));
        QVERIFY(status && edit);
        edit->setPlainText(QStringLiteral(R"({"field": "a", "operator": "==", "value": 1})"));
        QTRY_VERIFY(!panel.isValid());
        QCOMPARE(status->palette().color(QPalette::WindowText),
                 Theme::color(Theme::Role::Failure, palette));
        edit->setPlainText(QStringLiteral(R"({"field": "a", "operator": "=", "value": 1})"));
        QTRY_VERIFY(panel.isValid());
        QCOMPARE(status->palette().color(QPalette::WindowText),
                 Theme::color(Theme::Role::Success, palette));
    }
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
