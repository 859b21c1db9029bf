// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>

namespace allium {

/// The colours the application adds to the platform's palette, and the one rule that says
/// whether a palette is dark. Widgets take their colours from here rather than choosing their
/// own, so a failure is the same red in the console, the filter editor and the exchange view,
/// and every colour reads on light and dark palettes alike.
namespace Theme {

/// What a coloured text, mark or line means.
enum class Role {
    Pending,         ///< waiting: queued, in flight (blue)
    Success,         ///< succeeded, valid (green)
    Failure,         ///< failed, invalid (red)
    Warning,         ///< worth a look: timed out, a type mismatch (orange)
    Muted,           ///< no longer relevant: cancelled (the disabled text colour)
    JsonKey,         ///< JSON object keys
    JsonString,      ///< JSON string values
    JsonNumber,      ///< JSON numbers
    JsonKeyword,     ///< true, false, null
    JsonPunctuation, ///< braces, brackets, colons and commas: between text and background
    Series,          ///< a chart's data line
};

/// True when `palette` is a dark one: its Base colour (the background of tables, editors and
/// the charts' plot area) is darker than mid-grey.
bool isDark(const QPalette &palette);

/// The colour of `role` for text or lines drawn on `palette`'s Base or Window colour.
QColor color(Role role, const QPalette &palette);

/// The background of a notice bar: a warm tint of `palette`'s Window colour.
QColor noticeBackground(const QPalette &palette);

/// The background that marks the current row where a view's own highlight is covered by the
/// row's widgets: the Highlight colour, faint.
QColor currentRowBackground(const QPalette &palette);

/// `from` moved towards `to` by `amount` (0: `from`, 1: `to`).
QColor mix(const QColor &from, const QColor &to, double amount);

/// The dark palette of `allium-monitor --dark`; the widget tests check dark mode with it.
QPalette darkPalette();

} // namespace Theme

} // namespace allium
