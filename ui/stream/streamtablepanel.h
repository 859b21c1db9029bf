// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"

#include <QHash>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QAction;
class QBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTimer;
class QToolButton;

namespace allium {

class PlainLabel;

struct FieldInfo;
struct MessageBatch;
class LiveTableView;
class MessageDetailPane;
class MessageFilterProxyModel;
class MessageTableModel;

/// The live table part of a stream panel: a toolbar (local search, pause view, follow,
/// columns, history bound and fill), the message table and the selected message's details.
class StreamTablePanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int DefaultHistoryCount = 100000;
    static constexpr int MinHistoryCount = 100;
    static constexpr int MaxHistoryCount = 2000000;
    static constexpr int MinHistoryMiB = 1;

    /// The largest memory budget offered: half the machine's memory (at least the default).
    static int maxHistoryMiB();

    explicit StreamTablePanel(QWidget *parent = nullptr);
    ~StreamTablePanel() override;

    /// Clears the table and shows the topic's columns (the user's, when they chose some before).
    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }

    /// Adds a batch from StreamSession::messagesReceived (its field snapshot included).
    void appendBatch(const allium::MessageBatch &batch);
    /// Fields seen live: offered in the column chooser; the first columns of unknown topics.
    void setLiveFields(const QVector<allium::FieldInfo> &fields);
    void clear();

    /// The server filter changed to `filter`: the next row received is marked as the start of
    /// its segment, the table is cleared first when the user asked for it, and "Hide rows not
    /// matching" now applies `filter` to the history.
    void markFilterApplied(const allium::Filter &filter);
    /// "Clear table when a filter is applied" (kept in saveState()).
    bool clearsOnFilterApplied() const;
    void setClearOnFilterApplied(bool clear);
    /// The mark's text for `filter`, e.g. `value > "0" AND coin = "ETH"`.
    static QString filterSummary(const allium::Filter &filter);

    /// History bounds: count and bytes (also the two spin boxes); bytes are capped at
    /// maxHistoryMiB().
    void setHistoryLimits(int maxCount, qint64 maxBytes);
    void setColumns(const QStringList &paths);
    QStringList columns() const;

    QSize minimumSizeHint() const override;

    MessageTableModel *model() const { return m_model; }
    MessageFilterProxyModel *proxyModel() const { return m_proxy; }
    LiveTableView *view() const { return m_view; }
    MessageDetailPane *detailPane() const { return m_detail; }
    /// "Find in messages" (Ctrl+F while the focus is in this panel, or in any widget the
    /// action is added to as well: the main window adds it to the whole stream tab).
    QAction *findAction() const { return m_findAction; }

    /// Splitter sizes, history count and the columns chosen per topic.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

public slots:
    void setPaused(bool paused);
    /// Opens the column chooser.
    void chooseColumns();
    /// Puts the focus in the message search, its text selected (Stream → Find in messages).
    void focusSearch();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void adaptLayout();
    void updatePauseButton();
    void updateFill();
    void updateMatchLabel();
    void showCurrentMessage();
    void applySearch();
    void handleCurrentRemoved(quint64 rowId);
    void updateMatchFilter();
    /// A click on a column header: ascending, descending, then arrival order again.
    void cycleSort(int column);
    /// Back to arrival order, resuming the view when sorting paused it.
    void clearSort();
    void updateSortIndicator();

    QString m_topic;
    QStringList m_livePaths;
    QHash<QString, QStringList> m_columnsByTopic; // columns the user chose, per topic
    qint64 m_maxBytes;

    MessageTableModel *m_model = nullptr;
    MessageFilterProxyModel *m_proxy = nullptr;
    LiveTableView *m_view = nullptr;
    MessageDetailPane *m_detail = nullptr;
    QSplitter *m_splitter = nullptr;
    bool m_splitterPlaced = false; // sizes set once, then left to the user
    bool m_cramped = false;        // the details folded away for want of room (adaptLayout())
    bool m_pausedBySort = false;   // sorting froze the view; arrival order resumes it
    QBoxLayout *m_toolbar = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    PlainLabel *m_matchLabel = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QToolButton *m_followButton = nullptr;
    QPushButton *m_columnsButton = nullptr;
    QToolButton *m_clearButton = nullptr;
    QAction *m_clearOnFilterAction = nullptr;
    QAction *m_findAction = nullptr;
    QToolButton *m_matchFilterButton = nullptr;
    Filter m_serverFilter; // the last one applied
    QSpinBox *m_historySpin = nullptr;
    QSpinBox *m_memorySpin = nullptr;
    QLabel *m_fillLabel = nullptr;
};

} // namespace allium
