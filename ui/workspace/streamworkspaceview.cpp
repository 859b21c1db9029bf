// SPDX-License-Identifier: MIT
#include "ui/workspace/streamworkspaceview.h"

#include "core/replay/replaycontroller.h"
#include "core/stream/streamsession.h"
#include "core/workspace/historybudget.h"
#include "core/workspace/streamactivity.h"
#include "core/workspace/streamoverviewmodel.h"
#include "core/workspace/streamworkspace.h"
#include "ui/connection/connectionstatuswidget.h"
#include "ui/stream/streamtablepanel.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintext.h"
#include "ui/workspace/livetabwidget.h"

#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSplitter>
#include <QTabBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>
#include <numeric>

namespace allium {

namespace {

QColor activityColor(StreamActivity activity)
{
    switch (activity) {
    case StreamActivity::Streaming:
        return ConnectionStatusWidget::stateColor(ConnectionState::Connected);
    case StreamActivity::Stale:
    case StreamActivity::Reconnecting:
    case StreamActivity::Connecting:
    case StreamActivity::Waiting:
        return ConnectionStatusWidget::stateColor(ConnectionState::Reconnecting);
    case StreamActivity::Failed:
        return ConnectionStatusWidget::stateColor(ConnectionState::Failed);
    case StreamActivity::NoTopic:
    case StreamActivity::Stopped:
        break;
    }
    return ConnectionStatusWidget::stateColor(ConnectionState::Disconnected);
}

} // namespace

StreamWorkspaceView::StreamWorkspaceView(StreamWorkspace *workspace, StreamOverviewModel *overview,
                                         QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_overview(overview)
{
    setObjectName(QStringLiteral("streamWorkspace"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_comparison = new PlainLabel(this);
    m_comparison->setObjectName(QStringLiteral("splitComparison"));
    m_comparison->setAccessibleName(tr("Side-by-side comparison"));
    m_comparison->setContentsMargins(6, 3, 6, 3);
    m_comparison->setWordWrap(true); // two lines rather than a cut in a narrow window
    m_comparison->hide();
    layout->addWidget(m_comparison);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("workspaceSplitter"));
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);
    buildSide(Left);
    buildSide(Right);
    m_tabs[Right]->hide();

    connect(m_overview, &StreamOverviewModel::refreshed, this, [this] {
        updateTabs();
        updateComparison();
    });
    // The side the user works in is the one the toolbar and the menus act on.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        for (QWidget *widget = now; widget; widget = widget->parentWidget()) {
            if (widget == m_tabs[Left] || widget == m_tabs[Right]) {
                setFocusedSide(widget == m_tabs[Left] ? Left : Right);
                return;
            }
        }
    });
}

StreamWorkspaceView::~StreamWorkspaceView()
{
    // The panels go before the sessions they show (the workspace owns and closes those).
    m_closing = true;
    for (StreamPanel *panel : panels()) {
        StreamSession *session = panel->session();
        delete panel;
        m_workspace->closeStream(session);
    }
}

void StreamWorkspaceView::buildSide(Side side)
{
    auto *tabs = new LiveTabWidget(m_splitter);
    tabs->setObjectName(side == Left ? QStringLiteral("streamTabsLeft")
                                     : QStringLiteral("streamTabsRight"));
    tabs->setDocumentMode(true);
    tabs->setTabsClosable(true);
    tabs->setMovable(true);
    tabs->setElideMode(Qt::ElideMiddle);
    tabs->setUsesScrollButtons(true);
    m_splitter->addWidget(tabs);
    m_tabs[side] = tabs;

    auto *newButton = new QToolButton(tabs);
    newButton->setObjectName(side == Left ? QStringLiteral("newStreamButtonLeft")
                                          : QStringLiteral("newStreamButtonRight"));
    newButton->setText(QStringLiteral("+"));
    newButton->setAutoRaise(true);
    newButton->setToolTip(tr("New stream (Ctrl+T)"));
    newButton->setAccessibleName(tr("New stream"));
    tabs->setCornerWidget(newButton, Qt::TopRightCorner);
    connect(newButton, &QToolButton::clicked, this,
            [this, side] { openStream({}, {}, true, side); });

    QTabBar *bar = tabs->tabBar();
    bar->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(bar, &QWidget::customContextMenuRequested, this,
            [this, side](const QPoint &position) { showTabMenu(side, position); });
    connect(tabs, &QTabWidget::tabCloseRequested, this,
            [this, side](int index) { closeStream(panelAt(side, index)); });
    // Double-clicking the empty part of the tab row opens a stream, as in a browser.
    connect(bar, &QTabBar::tabBarDoubleClicked, this, [this, side](int index) {
        if (index < 0)
            openStream({}, {}, true, side);
    });
    tabs->installEventFilter(this);
    connect(bar, &QTabBar::tabBarClicked, this, [this, side] { setFocusedSide(side); });
    // The current stream follows the focused side's tab (or the other side's, when it empties).
    connect(tabs, &QTabWidget::currentChanged, this, [this] {
        setFocusedSide(m_focusedSide);
        updateComparison();
    });
}

bool StreamWorkspaceView::eventFilter(QObject *watched, QEvent *event)
{
    // The strip right of the last tab belongs to the tab widget, not to its tab bar.
    if (event->type() == QEvent::MouseButtonDblClick) {
        for (int side : {Left, Right}) {
            if (watched != m_tabs[side])
                continue;
            const auto *mouse = static_cast<QMouseEvent *>(event);
            if (mouse->position().y() <= m_tabs[side]->tabBar()->height()) {
                openStream({}, {}, true, side);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StreamWorkspaceView::setConnection(const QUrl &baseUrl, const QString &apiKey,
                                        const ConnectionOptions &options)
{
    m_baseUrl = baseUrl;
    m_apiKey = apiKey;
    m_options = options;
    m_hasConnection = true;
    for (StreamPanel *panel : panels())
        panel->setConnection(baseUrl, apiKey, options);
}

StreamPanel *StreamWorkspaceView::addPanel(int side)
{
    if (count() >= WorkspaceState::MaxStreams) {
        if (StreamPanel *current = currentPanel())
            current->showMessage(tr("At most %1 streams can be open at once; close one first.")
                                     .arg(WorkspaceState::MaxStreams));
        return nullptr;
    }
    side = side == Right ? Right : side == Left ? Left : m_focusedSide;
    StreamSession *session = m_workspace->createStream();
    auto *panel = new StreamPanel(session);
    panel->setSharedFields(m_workspace->fieldCatalogues());
    m_workspace->setHistory(session, panel->tablePanel()->model());
    if (m_hasConnection)
        panel->setConnection(m_baseUrl, m_apiKey, m_options);
    connect(session, &StreamSession::stateChanged, this, [this, panel] { updateTab(panel); });
    connect(panel, &StreamPanel::runningChanged, this, [this, panel] { updateTab(panel); });
    connect(panel, &StreamPanel::topicChanged, this, [this, panel](const QString &topic) {
        if (!topic.isEmpty() && m_startOnTopic.remove(panel))
            panel->start();
        updateTab(panel);
        emit layoutChanged();
    });
    connect(panel, &StreamPanel::filterApplied, this, [this, panel] {
        updateTab(panel);
        emit layoutChanged();
    });
    connect(panel, &StreamPanel::chartFieldChanged, this, &StreamWorkspaceView::layoutChanged);
    connect(panel, &StreamPanel::newStreamRequested, this,
            [this, panel](const QString &topic) { openStream(topic, {}, true, sideOf(panel)); });
    m_tabs[side]->addTab(panel, tr("New stream"));
    updateTab(panel);
    emit panelOpened(panel);
    return panel;
}

void StreamWorkspaceView::startPanel(StreamPanel *panel, const QString &topic, const Filter &filter,
                                     bool start)
{
    // The filter goes first so that the very first messages are already filtered.
    if (!filter.isEmpty())
        panel->applyFilter(filter);
    if (!topic.isEmpty())
        panel->setTopic(topic);
    if (start && topic.isEmpty())
        m_startOnTopic.insert(panel);
    else if (start)
        panel->start();
    updateTab(panel);
}

StreamPanel *StreamWorkspaceView::openStream(const QString &topic, const Filter &filter, bool start,
                                             int side)
{
    StreamPanel *panel = addPanel(side);
    if (!panel)
        return nullptr;
    startPanel(panel, topic, filter, start);
    updateSplit();
    setCurrentPanel(panel);
    if (topic.isEmpty())
        panel->focusTopicSearch();
    emit layoutChanged();
    return panel;
}

StreamPanel *StreamWorkspaceView::addRecordingPanel(const QString &path, int side, QString *error)
{
    auto controller = std::make_unique<ReplayController>();
    if (!controller->open(path)) {
        if (error)
            *error = tr("%1 cannot be replayed: %2")
                         .arg(QFileInfo(path).fileName(), controller->errorString());
        return nullptr;
    }
    StreamPanel *panel = addPanel(side);
    if (!panel) {
        if (error)
            *error = tr("At most %1 streams can be open at once; close one first.")
                         .arg(WorkspaceState::MaxStreams);
        return nullptr;
    }
    panel->setReplay(controller.release());
    return panel;
}

StreamPanel *StreamWorkspaceView::openRecording(const QString &path, bool play, QString *error)
{
    StreamPanel *panel = addRecordingPanel(path, -1, error);
    if (!panel)
        return nullptr;
    if (play)
        panel->start();
    updateTab(panel);
    updateSplit();
    setCurrentPanel(panel);
    return panel;
}

StreamPanel *StreamWorkspaceView::duplicateStream(StreamPanel *source, bool otherSide)
{
    const int sourceSide = sideOf(source);
    if (sourceSide < 0)
        return nullptr;
    const int side = otherSide ? 1 - sourceSide : sourceSide;
    // A replay's copy replays the same file (its own position and speed), never a live stream.
    ReplayController *sourceReplay = source->replay();
    QString error;
    StreamPanel *panel =
        sourceReplay ? addRecordingPanel(sourceReplay->path(), side, &error) : addPanel(side);
    if (!panel) {
        if (!error.isEmpty())
            source->showMessage(error);
        return nullptr;
    }
    if (!otherSide) { // next to its source
        QTabWidget *tabs = m_tabs[sourceSide];
        tabs->tabBar()->moveTab(tabs->indexOf(panel), tabs->indexOf(source) + 1);
    }
    panel->restoreState(source->saveState());
    panel->restoreTableState(source->saveTableState());
    if (!source->chartField().isEmpty())
        panel->setChartField(source->chartField());
    if (sourceReplay) {
        ReplayController *replay = panel->replay();
        replay->setSpeed(sourceReplay->speed());
        if (sourceReplay->nextIndex() > 0)
            replay->seekToMessage(sourceReplay->nextIndex());
        if (!source->appliedFilter().isEmpty())
            panel->applyFilter(source->appliedFilter());
        if (sourceReplay->isPlaying())
            panel->start();
        updateTab(panel);
    } else {
        startPanel(panel, source->topic(), source->appliedFilter(), source->session()->isRunning());
    }
    updateSplit();
    setCurrentPanel(panel);
    emit layoutChanged();
    return panel;
}

void StreamWorkspaceView::closeStream(StreamPanel *panel)
{
    const int side = sideOf(panel);
    if (side < 0)
        return;
    emit panelClosing(panel);
    StreamSession *session = panel->session();
    m_startOnTopic.remove(panel);
    m_tabs[side]->removeTab(m_tabs[side]->indexOf(panel));
    delete panel;
    m_workspace->closeStream(session);
    if (!m_closing && count() == 0)
        openStream();
    updateSplit();
    setFocusedSide(m_tabs[m_focusedSide]->count() > 0 ? m_focusedSide : Left);
    emit layoutChanged();
}

void StreamWorkspaceView::moveToOtherSide(StreamPanel *panel)
{
    const int from = sideOf(panel);
    if (from < 0)
        return;
    const int to = 1 - from;
    if (to == Right && m_tabs[Left]->count() == 1)
        return; // nothing would stay on the left: there is nothing to compare it with
    QTabWidget *source = m_tabs[from];
    const int index = source->indexOf(panel);
    const QString text = source->tabText(index);
    source->removeTab(index);
    m_tabs[to]->addTab(panel, text);
    updateTab(panel);
    const bool wasSplit = m_tabs[Right]->isVisible();
    updateSplit();
    if (!wasSplit && isSplit()) // a new split starts half and half
        m_splitter->setSizes({m_splitter->width() / 2, m_splitter->width() / 2});
    setCurrentPanel(panel);
    emit layoutChanged();
}

QList<StreamPanel *> StreamWorkspaceView::panels() const
{
    QList<StreamPanel *> list;
    for (int side : {Left, Right}) {
        for (int i = 0; i < m_tabs[side]->count(); ++i)
            list.append(panelAt(Side(side), i));
    }
    return list;
}

int StreamWorkspaceView::count() const
{
    return m_tabs[Left]->count() + m_tabs[Right]->count();
}

StreamPanel *StreamWorkspaceView::currentPanel() const
{
    return m_current;
}

void StreamWorkspaceView::setCurrentPanel(StreamPanel *panel)
{
    const int side = sideOf(panel);
    if (side < 0)
        return;
    m_tabs[side]->setCurrentWidget(panel);
    setFocusedSide(side);
}

StreamPanel *StreamWorkspaceView::panelFor(const StreamSession *session) const
{
    for (StreamPanel *panel : panels()) {
        if (panel->session() == session)
            return panel;
    }
    return nullptr;
}

int StreamWorkspaceView::sideOf(const StreamPanel *panel) const
{
    for (int side : {Left, Right}) {
        if (panel && m_tabs[side]->indexOf(const_cast<StreamPanel *>(panel)) >= 0)
            return side;
    }
    return -1;
}

bool StreamWorkspaceView::isSplit() const
{
    return m_tabs[Right]->count() > 0;
}

StreamPanel *StreamWorkspaceView::panelAt(Side side, int index) const
{
    return qobject_cast<StreamPanel *>(m_tabs[side]->widget(index));
}

void StreamWorkspaceView::setFocusedSide(int side)
{
    if (m_tabs[side]->count() == 0)
        side = 1 - side;
    m_focusedSide = side;
    auto *panel = qobject_cast<StreamPanel *>(m_tabs[side]->currentWidget());
    if (panel == m_current)
        return;
    m_current = panel;
    emit currentPanelChanged(panel);
}

void StreamWorkspaceView::showTabMenu(Side side, const QPoint &position)
{
    QTabBar *bar = m_tabs[side]->tabBar();
    StreamPanel *panel = panelAt(side, bar->tabAt(position));
    QMenu menu(this);
    menu.addAction(tr("New stream"), this, [this, side] { openStream({}, {}, true, side); });
    if (panel) {
        menu.addAction(tr("Duplicate"), this, [this, panel] { duplicateStream(panel); });
        menu.addAction(tr("Duplicate side by side"), this,
                       [this, panel] { duplicateStream(panel, true); });
        QAction *move = menu.addAction(side == Left ? tr("Move to the right side")
                                                    : tr("Move to the left side"),
                                       this, [this, panel] { moveToOtherSide(panel); });
        move->setEnabled(side == Right || m_tabs[Left]->count() > 1);
        menu.addSeparator();
        menu.addAction(tr("Close"), this, [this, panel] { closeStream(panel); });
        QAction *others = menu.addAction(tr("Close other streams"), this, [this, panel] {
            for (StreamPanel *other : panels()) {
                if (other != panel)
                    closeStream(other);
            }
        });
        others->setEnabled(count() > 1);
    }
    menu.exec(bar->mapToGlobal(position));
}

QIcon StreamWorkspaceView::activityIcon(int activity)
{
    const auto cached = m_icons.constFind(activity);
    if (cached != m_icons.cend())
        return *cached;
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(activityColor(StreamActivity(activity)));
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    painter.end();
    const QIcon icon(pixmap);
    m_icons.insert(activity, icon);
    return icon;
}

QString StreamWorkspaceView::tabText(const StreamPanel *panel) const
{
    const int side = sideOf(panel);
    return side < 0
               ? QString()
               : m_tabs[side]->tabText(m_tabs[side]->indexOf(const_cast<StreamPanel *>(panel)));
}

void StreamWorkspaceView::updateTab(StreamPanel *panel)
{
    const int side = sideOf(panel);
    if (side < 0)
        return;
    const StreamSession &session = *panel->session();
    const StreamActivity activity =
        StreamActivityRules::of(session, QDateTime::currentMSecsSinceEpoch());
    // A replay is named after its file: the same topic may be open live beside it.
    const QString name = panel->replay()
                             ? tr("▶ %1").arg(QFileInfo(panel->replay()->path()).fileName())
                             : StreamOverviewModel::streamName(session);
    QString text = name;
    if (StreamActivityRules::needsAttention(activity))
        text += QStringLiteral(" · ") + StreamActivityRules::text(activity).toLower();
    else if (activity == StreamActivity::Streaming)
        text += tr(" · %1/s").arg(StreamOverviewModel::rateText(session.stats().messagesPerSecond));
    LiveTabWidget *tabs = m_tabs[side];
    const int index = tabs->indexOf(panel);
    // Only what changed: a new title re-lays the tab bar out.
    if (tabs->tabText(index) != text)
        tabs->setLiveTabText(index, text);
    const int activityKey = int(activity);
    if (tabs->tabBar()->tabData(index).toInt() != activityKey + 1) {
        tabs->tabBar()->setTabData(index, activityKey + 1);
        tabs->setLiveTabIcon(index, activityIcon(activityKey));
    }
    const QString tip =
        PlainText::toolTip(tr("%1\n%2").arg(name, StreamActivityRules::text(activity)));
    if (tabs->tabToolTip(index) != tip)
        tabs->setTabToolTip(index, tip);
}

void StreamWorkspaceView::updateTabs()
{
    for (StreamPanel *panel : panels())
        updateTab(panel);
}

void StreamWorkspaceView::updateSplit()
{
    // The left side is never empty while the right one has streams.
    if (m_tabs[Left]->count() == 0) {
        while (m_tabs[Right]->count() > 0) {
            StreamPanel *panel = panelAt(Right, 0);
            const QString text = m_tabs[Right]->tabText(0);
            m_tabs[Right]->removeTab(0);
            m_tabs[Left]->addTab(panel, text);
            updateTab(panel);
        }
    }
    m_tabs[Right]->setVisible(isSplit());
    m_comparison->setVisible(isSplit());
    updateComparison();
}

QString StreamWorkspaceView::comparisonText() const
{
    return isSplit() ? m_comparison->text() : QString();
}

void StreamWorkspaceView::updateComparison()
{
    if (!isSplit())
        return;
    auto *left = qobject_cast<StreamPanel *>(m_tabs[Left]->currentWidget());
    auto *right = qobject_cast<StreamPanel *>(m_tabs[Right]->currentWidget());
    if (!left || !right)
        return;
    const StreamSession &l = *left->session();
    const StreamSession &r = *right->session();
    QString text = tr("Left: %1, %2 msg/s   ·   Right: %3, %4 msg/s")
                       .arg(StreamOverviewModel::streamName(l),
                            StreamOverviewModel::rateText(l.stats().messagesPerSecond),
                            StreamOverviewModel::streamName(r),
                            StreamOverviewModel::rateText(r.stats().messagesPerSecond));
    // The share over the last minute of both (not one noisy second): the filtered side's
    // messages against the unfiltered side's, same topic only.
    if (!l.topic().isEmpty() && l.topic() == r.topic() &&
        l.filter().isEmpty() != r.filter().isEmpty()) {
        const bool rightFiltered = l.filter().isEmpty();
        const auto rates = [this](const StreamSession &session) {
            const int row = m_overview->rowOf(&session);
            return m_overview
                ->data(m_overview->index(row, StreamOverviewModel::RateColumn),
                       StreamOverviewModel::SparklineRole)
                .value<QVector<double>>();
        };
        const QVector<double> all = rates(rightFiltered ? l : r);
        const QVector<double> passed = rates(rightFiltered ? r : l);
        const qsizetype common = std::min(all.size(), passed.size());
        const double allSum = std::accumulate(all.end() - common, all.end(), 0.0);
        const double passedSum = std::accumulate(passed.end() - common, passed.end(), 0.0);
        if (allSum > 0)
            text += tr("  ·  the %1 filter passes %2 % of the messages")
                        .arg(rightFiltered ? tr("right") : tr("left"),
                             QLocale().toString(100.0 * passedSum / allSum, 'f', 1));
    }
    if (m_comparison->text() != text)
        m_comparison->setText(text);
}

void StreamWorkspaceView::showMessage(const QString &text, StreamPanel::MessageLifetime lifetime)
{
    for (StreamPanel *panel : panels())
        panel->showMessage(text, lifetime);
}

WorkspaceState StreamWorkspaceView::saveState() const
{
    WorkspaceState state;
    for (int side : {Left, Right}) {
        for (int i = 0; i < m_tabs[side]->count(); ++i) {
            const StreamPanel *panel = panelAt(Side(side), i);
            if (panel->replay())
                continue; // a recording is opened again from its file, not from the workspace
            WorkspaceStream stream;
            stream.topic = panel->topic();
            if (!panel->appliedFilter().isEmpty())
                stream.filter = panel->appliedFilter().toJsonText();
            stream.running = panel->session()->isRunning() || m_startOnTopic.contains(panel);
            stream.pane = side;
            stream.chartField = panel->chartField();
            stream.panelState = panel->saveState();
            stream.tableState = panel->saveTableState();
            state.streams.append(stream);
        }
    }
    state.currentLeft = std::max(0, m_tabs[Left]->currentIndex());
    state.currentRight = std::max(0, m_tabs[Right]->currentIndex());
    state.focusedPane = m_focusedSide;
    state.splitterState = m_splitter->saveState();
    state.budgetBytes = m_workspace->budget()->budgetBytes();
    return state;
}

bool StreamWorkspaceView::restoreState(const WorkspaceState &state, bool start)
{
    if (state.streams.isEmpty())
        return false;
    m_closing = true;
    for (StreamPanel *panel : panels())
        closeStream(panel);
    m_closing = false;
    if (state.budgetBytes > 0)
        m_workspace->budget()->setBudgetBytes(state.budgetBytes);
    for (const WorkspaceStream &stream : state.streams) {
        StreamPanel *panel = addPanel(stream.pane);
        if (!panel)
            break;
        panel->restoreState(stream.panelState);
        panel->restoreTableState(stream.tableState);
        if (!stream.chartField.isEmpty())
            panel->setChartField(stream.chartField);
        Filter filter;
        if (!stream.filter.isEmpty()) {
            const FilterParseResult parsed = Filter::parse(stream.filter);
            if (parsed.ok())
                filter = parsed.filter;
        }
        startPanel(panel, stream.topic, filter, start && stream.running);
    }
    updateSplit();
    m_splitter->restoreState(state.splitterState);
    m_tabs[Left]->setCurrentIndex(qBound(0, state.currentLeft, m_tabs[Left]->count() - 1));
    if (isSplit())
        m_tabs[Right]->setCurrentIndex(qBound(0, state.currentRight, m_tabs[Right]->count() - 1));
    setFocusedSide(state.focusedPane == Right && isSplit() ? Right : Left);
    return true;
}

} // namespace allium
