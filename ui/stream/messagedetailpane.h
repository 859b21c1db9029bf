// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace allium {

class PlainLabel;

class JsonHighlighter;
class JsonTreeModel;

/// One received message in full: a JSON tree to browse and the pretty, highlighted text, with
/// buttons to copy the message, the selected value or its path.
class MessageDetailPane : public QWidget
{
    Q_OBJECT

public:
    /// Messages larger than this show their first part only in the text view (the tree is
    /// bounded by JsonTreeModel itself).
    static constexpr int MaxPrettyBytes = 2 * 1024 * 1024;

    explicit MessageDetailPane(QWidget *parent = nullptr);
    ~MessageDetailPane() override;

    /// Shows a message; `sequence` and `receivedAtMs` label it (0 when unknown).
    void setMessage(const QByteArray &json, quint64 sequence = 0, qint64 receivedAtMs = 0);
    void clear();
    /// A note above the message (e.g. that it left the history); the message stays shown.
    /// Empty hides it; showing another message or clearing hides it too.
    void setNotice(const QString &text);
    QString notice() const;
    QByteArray json() const { return m_json; }
    /// The pretty text the Raw tab shows.
    QString prettyText() const;
    JsonTreeModel *treeModel() const { return m_treeModel; }

signals:
    /// The user picked a field in the tree: its dot path, e.g. for a filter or a column.
    void fieldActivated(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateButtons();
    QString selectedPath() const;

    QByteArray m_json;
    PlainLabel *m_summary = nullptr;
    PlainLabel *m_notice = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_tree = nullptr;
    JsonTreeModel *m_treeModel = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
    QPushButton *m_copyJson = nullptr;
    QPushButton *m_copyValue = nullptr;
    QPushButton *m_copyPath = nullptr;
};

} // namespace allium
