// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QAbstractItemView;

namespace allium {

/// Shows an item view's ToolTipRole (cells and header sections) literally: the default path
/// hands the model's text to QToolTip, which auto-detects rich text. Models keep plain text;
/// this one place escapes and bounds it (PlainText::toolTip).
class PlainToolTipFilter : public QObject
{
    Q_OBJECT
public:
    /// Makes `view` (and its headers) show tooltips this way; the filter is a child of `view`.
    static void install(QAbstractItemView *view);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit PlainToolTipFilter(QAbstractItemView *view);

    QAbstractItemView *m_view;
};

} // namespace allium
