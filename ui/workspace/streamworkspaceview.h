// SPDX-License-Identifier: MIT
#pragma once

#include "core/connection/connectionoptions.h"
#include "core/filter/filter.h"
#include "core/workspace/workspacestate.h"
#include "ui/stream/streampanel.h"

#include <QHash>
#include <QIcon>
#include <QPointer>
#include <QSet>
#include <QUrl>
#include <QWidget>

class QSplitter;
class QToolButton;

namespace allium {

class LiveTabWidget;

class PlainLabel;
class StreamOverviewModel;
class StreamSession;
class StreamWorkspace;

/// The streams of the workspace as tabs, on one side or split in two side by side: each tab a
/// StreamPanel over its own StreamSession, titled with its topic, a status dot and its live
/// rate (or its trouble: "reconnecting", "stale"), so that a stream in trouble shows without
/// opening it. While split, a line above compares the two shown streams' rates and, for the
/// same topic, the share of the left one's messages that the right one's filter passes.
/// There is always at least one stream: closing the last one leaves a new, empty one.
class StreamWorkspaceView : public QWidget
{
    Q_OBJECT
public:
    enum Side { Left = 0, Right = 1 };

    /// `workspace` and `overview` must outlive the view.
    StreamWorkspaceView(StreamWorkspace *workspace, StreamOverviewModel *overview,
                        QWidget *parent = nullptr);
    ~StreamWorkspaceView() override;

    /// Where every stream connects (the streams opened later too). The key is never shown.
    void setConnection(const QUrl &baseUrl, const QString &apiKey,
                       const ConnectionOptions &options);

    /// Opens a stream on `side` (-1: the side in use) and shows it. Without a topic it waits
    /// for one, with its topic search focused, and starts once one is chosen when `start`.
    StreamPanel *openStream(const QString &topic = {}, const Filter &filter = {}, bool start = true,
                            int side = -1);
    /// A new stream with the same topic, filter, chart and columns, next to `panel` (or on the
    /// other side, when `otherSide`).
    StreamPanel *duplicateStream(StreamPanel *panel, bool otherSide = false);
    void closeStream(StreamPanel *panel);
    /// Opens the recording `path` as a stream of its own (a replay tab) and shows it, playing
    /// when `play`; null with `error` set when it is not a recording this version reads.
    StreamPanel *openRecording(const QString &path, bool play = true, QString *error = nullptr);
    /// Shows `panel` on the other side: splits the view, or joins it when that side empties.
    void moveToOtherSide(StreamPanel *panel);

    QList<StreamPanel *> panels() const;
    int count() const;
    StreamPanel *currentPanel() const;
    void setCurrentPanel(StreamPanel *panel);
    StreamPanel *panelFor(const StreamSession *session) const;
    /// Left or Right; -1 when `panel` is not in the view.
    int sideOf(const StreamPanel *panel) const;
    LiveTabWidget *tabs(Side side) const { return m_tabs[side]; }
    bool isSplit() const;
    /// What the split's comparison line says (empty while not split).
    QString comparisonText() const;
    /// The tab's title as shown, e.g. "ethereum.blocks · 15/s".
    QString tabText(const StreamPanel *panel) const;

    /// Shows `text` on every stream's message bar (a notice about the connection of all).
    void showMessage(const QString &text, StreamPanel::MessageLifetime lifetime);

    /// The streams (topic, filter, running, chart, layout) and the split.
    WorkspaceState saveState() const;
    /// Replaces the open streams with the saved ones, starting those that were running when
    /// `start` (else they wait for Start); false (and nothing changed) when the state has none.
    bool restoreState(const WorkspaceState &state, bool start);

signals:
    /// The stream the toolbar, menus and status bar act on changed (the focused side's tab).
    void currentPanelChanged(allium::StreamPanel *panel);
    void panelOpened(allium::StreamPanel *panel);
    /// Before the panel and its session are deleted.
    void panelClosing(allium::StreamPanel *panel);
    /// A stream's chart field, filter or topic changed (the workspace's saved state is stale).
    void layoutChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildSide(Side side);
    /// A new stream's session, panel and tab on `side`, without a topic yet.
    StreamPanel *addPanel(int side);
    /// A replay tab of the recording at `path` on `side`; nullptr (with `error`) when the file
    /// cannot be replayed or no more streams may open.
    StreamPanel *addRecordingPanel(const QString &path, int side, QString *error);
    void startPanel(StreamPanel *panel, const QString &topic, const Filter &filter, bool start);
    void showTabMenu(Side side, const QPoint &position);
    void setFocusedSide(int side);
    void updateTab(StreamPanel *panel);
    void updateTabs();
    void updateSplit();
    void updateComparison();
    QIcon activityIcon(int activity);
    StreamPanel *panelAt(Side side, int index) const;

    StreamWorkspace *m_workspace = nullptr;
    StreamOverviewModel *m_overview = nullptr;
    QSplitter *m_splitter = nullptr;
    LiveTabWidget *m_tabs[2] = {nullptr, nullptr};
    PlainLabel *m_comparison = nullptr;
    int m_focusedSide = Left;
    QPointer<StreamPanel> m_current;
    QHash<int, QIcon> m_icons;
    QSet<const StreamPanel *> m_startOnTopic; // new streams that start once a topic is chosen
    QUrl m_baseUrl;
    QString m_apiKey;
    ConnectionOptions m_options;
    bool m_hasConnection = false;
    bool m_closing = false;
};

} // namespace allium
