/*
 * chart_impl.h - the theme-line chart's layout (timeline_chart.c): where
 * each line, event box and time segment goes, computed before Graphviz sees
 * anything. Private; the unit tests read it to check the geometry.
 *
 * Coordinates are points (1/72 inch), x to the right and y DOWN from the top
 * left corner; timeline_chart.c turns y up for Graphviz.
 */
#ifndef GEOPOL_CHART_IMPL_H
#define GEOPOL_CHART_IMPL_H

#include <stdint.h>

#include "geopol/timeline.h"
#include "internal.h"

/* Sizes in points; the layout's and the drawing's. */
#define SECS_PER_DAY 86400.0
#define MAX_BOXES 400 /* a slide's worth and more; the rest is counted in the note */
#define PLOT_W 1250.0 /* the time scale's width, compressed gaps included */
#define MARGIN 14.0
#define LABEL_W 124.0 /* the line names' column */
#define GAP_W 72.0    /* a compressed stretch of time */
#define BOX_H 23.0
#define LANE_H 28.0
#define BOX_PAD 6.0   /* between two boxes in a lane */
#define LINE_GAP 18.0 /* from a line down to the next line's rows */
#define TOP_H 64.0    /* title and subtitle */
#define AXIS_H 20.0
#define TAIL 42.0 /* an open end's fading tail */
#define BOX_FONT 8.0
#define TITLE_CHARS 26 /* a box's title, cut */
#define NAME_CHARS 17  /* a line's name, cut */

typedef struct {
	gp_index actor;  /* the line's actor (a country at country level) */
	size_t events;   /* drawn events tied to it */
	size_t first;    /* place of its first event in the order */
	unsigned lanes;  /* rows of boxes above it (at least 1) */
	double y;        /* the line */
	double band_top; /* the top of its rows */
} gp__chart_line;

typedef struct {
	gp_index event;
	size_t home;            /* the line whose rows hold the box */
	unsigned lane;          /* 0: nearest the line */
	int64_t t;              /* the anchor: the known start, else the known end */
	double x;               /* the anchor's x */
	double bar0, bar1;      /* the bar over the date's bounds (equal: none) */
	int open0, open1;       /* the bar fades out at its start / end (open or unknown) */
	double left, top, w, h; /* the box */
} gp__chart_box;

/* A stretch of time on the axis: linear, or a compressed gap of fixed width. */
typedef struct {
	int64_t t0, t1;
	double x0, x1;
	int gap;
} gp__chart_seg;

typedef struct {
	gp__chart_line *lines;
	size_t n_lines;
	gp__chart_box *boxes; /* in timeline order */
	size_t n_boxes;
	gp__chart_seg *segs;
	size_t n_segs;
	size_t left_out;         /* selected events on no line shown, or with no known date */
	size_t not_drawn;        /* past the chart's cap on boxes */
	double plot_x0, plot_x1; /* the first and last anchors' x */
	double px_per_day;       /* the scale of the linear stretches */
	double axis_y, bottom;   /* the time axis; the bottom of the last line */
	double width, height;
	int level;         /* gp_level */
	uint32_t *line_of; /* actor (country) -> its line, or GP_NONE */
} gp__chart;

/* Lay the chart out; on success the caller frees it with gp__chart_free(). GP_OK or GP_ENOMEM. */
int gp__chart_layout(gp__chart *c, const gp_dataset *ds, const gp_index *order, size_t n,
		     const gp_chart_options *o);
void gp__chart_free(gp__chart *c);
/* The x of an instant on the chart's axis (clamped to the drawn span). */
double gp__chart_x(const gp__chart *c, int64_t t);

/* The width of a line of text in points: Helvetica's widths plus 15% (wider fonts stand in). */
double gp__chart_text_width(const char *s, double size);
/* s cut to `chars` characters ("…" included), appended to b. */
void gp__chart_cut(gp_sbuf *b, const char *s, size_t chars);
/* The chart's text for an event: its date into date[], its title cut into b (emptied first). */
void gp__chart_box_text(gp_sbuf *b, const gp_event *ev, char date[96]);
/*
 * The lines an event touches: role_on[l] the first role (gp_role) it plays on
 * line l, or -1; line_of maps an actor (at `level`) to its line. Non-zero
 * when it touches one as source, target or participant.
 */
int gp__chart_event_lines(int8_t *role_on, const gp_dataset *ds, const gp_event *ev,
			  const uint32_t *line_of, int level, size_t n_lines);

#endif
