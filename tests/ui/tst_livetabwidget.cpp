// SPDX-License-Identifier: MIT
#include "ui/workspace/livetabbar.h"
#include "ui/workspace/livetabwidget.h"

#include <QLabel>
#include <QTest>

using namespace allium;

class TestLiveTabWidget : public QObject
{
    Q_OBJECT

private slots:
    void liveTitlesRepaintTheBarOnly();
    void aLongerTitleStillLaysOut();
    void tabWidthsAreRoundedToAStep();
};

namespace {

// Counts the paint events a widget receives.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget *widget) { widget->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

struct Fixture
{
    LiveTabWidget tabs;
    QLabel *page = new QLabel(QStringLiteral("page in view"));
    Fixture()
    {
        tabs.addTab(page, QStringLiteral("ethereum.transactions · 16.7/s"));
        tabs.addTab(new QLabel(QStringLiteral("other")), QStringLiteral("base.blocks · 0.5/s"));
        tabs.resize(900, 300);
        tabs.show();
    }
};

} // namespace

// A rate ticking in a tab title repaints the tab bar, not the page in view, and does not lay
// the tab widget out again (which would repaint everything it holds).
void TestLiveTabWidget::liveTitlesRepaintTheBarOnly()
{
    LiveTabWidget tabs;
    auto *page = new QLabel(QStringLiteral("page in view"));
    PaintCounter pagePaints(page);
    PaintCounter barPaints(tabs.tabBar());
    tabs.addTab(page, QStringLiteral("ethereum.transactions · 16.7/s"));
    tabs.addTab(new QLabel(QStringLiteral("other")), QStringLiteral("base.blocks · 0.5/s"));
    tabs.resize(900, 300);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    QTRY_VERIFY(pagePaints.paints > 0 && barPaints.paints > 0);
    QCoreApplication::sendPostedEvents();
    const int pageBaseline = pagePaints.paints;
    const int relayouts = tabs.relayouts();
    const QStringList rates = {QStringLiteral("16.8/s"), QStringLiteral("17.1/s"),
                               QStringLiteral("16.9/s"), QStringLiteral("16.5/s")};
    for (const QString &rate : rates) {
        const int before = barPaints.paints;
        tabs.setLiveTabText(0, QStringLiteral("ethereum.transactions · ") + rate);
        QTRY_VERIFY(barPaints.paints > before);
    }
    QCOMPARE(tabs.tabText(0), QStringLiteral("ethereum.transactions · 16.5/s"));
    QCOMPARE(pagePaints.paints, pageBaseline);
    QCOMPARE(tabs.relayouts(), relayouts);
}

// A title that needs more room than the tab has still widens the tab: the layout is skipped
// only when it would come out the same.
void TestLiveTabWidget::aLongerTitleStillLaysOut()
{
    Fixture f;
    QVERIFY(QTest::qWaitForWindowExposed(&f.tabs));
    QCoreApplication::sendPostedEvents();
    const int widthBefore = f.tabs.tabBar()->tabRect(0).width();
    const int relayouts = f.tabs.relayouts();
    f.tabs.setLiveTabText(0, QStringLiteral("ethereum.transactions · reconnecting in 30 s"));
    QTRY_VERIFY(f.tabs.relayouts() > relayouts);
    QTRY_VERIFY(f.tabs.tabBar()->tabRect(0).width() > widthBefore);
    QVERIFY(f.tabs.tabBar()->geometry().width() >= f.tabs.tabBar()->tabRect(1).right());
}

void TestLiveTabWidget::tabWidthsAreRoundedToAStep()
{
    Fixture f;
    const int step = f.tabs.liveTabBar()->widthStep();
    QVERIFY(step > 0);
    for (int i = 0; i < f.tabs.count(); ++i)
        QCOMPARE(f.tabs.tabBar()->tabRect(i).width() % step, 0);
}

QTEST_MAIN(TestLiveTabWidget)
#include "tst_livetabwidget.moc"
