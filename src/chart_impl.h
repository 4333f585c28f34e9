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

#endif
