/*
 * dyad_svg.c - `geopol dyad --format svg`: a pair's cooperation and conflict
 * window by window as a line chart, written with libxml2's xmlTextWriter
 * (docs/series.md). Cooperation rises above the zero line, conflict falls
 * below it; A -> B is solid, B -> A dashed, A - B (together as
 * participants) dotted; every point has a tooltip.
 */
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_impl.h"
#include "series_impl.h"

#define COOPERATION "#1a9850" /* as graph_dot.c and the viewer */
#define CONFLICT "#d73027"

typedef struct {
	xmlTextWriterPtr w;
	int bad;
} svg;

static const xmlChar *X(const char *s)
{
	return (const xmlChar *)s;
}

/* libxml2 prints its errors unless handlers take them; the library never prints (graph_xml.c). */
static void quiet(void *ctx, xmlErrorPtr err)
{
	(void)ctx, (void)err;
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

/*
 * Element text. libxml2 2.9's xmlTextWriterWriteString writes nothing,
 * quietly, when escaping runs out of memory: escaped here, where that
 * failure shows, and written raw (as graph_xml.c does).
 */
static void write_text(svg *g, const char *s)
{
	xmlChar *esc = g->bad ? NULL : xmlEncodeSpecialChars(NULL, X(s));
	g->bad |= !esc || xmlTextWriterWriteRaw(g->w, esc) < 0;
	xmlFree(esc);
}

static void start(svg *g, const char *name)
{
	g->bad |= !g->bad && xmlTextWriterStartElement(g->w, X(name)) < 0;
}

static void end(svg *g)
{
	g->bad |= !g->bad && xmlTextWriterEndElement(g->w) < 0;
}

static void attr(svg *g, const char *name, const char *value)
{
	g->bad |= !g->bad && xmlTextWriterWriteAttribute(g->w, X(name), X(value)) < 0;
}

static void attr_num(svg *g, const char *name, double v)
{
	char buf[40];
	gp__snprintf_c(buf, sizeof(buf), "%.1f", v);
	attr(g, name, buf);
}

static void text_at(svg *g, double x, double y, const char *anchor, const char *cls, const char *s)
{
	start(g, "text");
	attr_num(g, "x", x);
	attr_num(g, "y", y);
	attr(g, "text-anchor", anchor);
	attr(g, "class", cls);
	write_text(g, s);
	end(g);
}

static void line(svg *g, double x1, double y1, double x2, double y2, const char *cls)
{
	start(g, "line");
	attr_num(g, "x1", x1), attr_num(g, "y1", y1), attr_num(g, "x2", x2), attr_num(g, "y2", y2);
	attr(g, "class", cls);
	end(g);
}

/* The chart's geometry: windows across, values up (cooperation) and down (conflict). */
typedef struct {
	double left, top, width, height, step, ymax, ymin;
} frame;

static double fx(const frame *f, size_t i)
{
	return f->left + ((double)i + 0.5) * f->step;
}

static double fy(const frame *f, double v)
{
	return f->top + (f->ymax - v) / (f->ymax - f->ymin) * f->height;
}

/* A window's dyad of relation r (0 A->B, 1 B->A, 2 A-B). */
static const gp_series_dyad *rel_of(const gp_series *s, size_t win, int r)
{
	const gp_window *w = &s->win[win];
	gp_index a = s->o.pair[0], b = s->o.pair[1];
	for (size_t k = w->first_dyad; k < w->first_dyad + w->n_dyads; k++) {
		const gp_series_dyad *d = &s->dyads[k];
		if ((r == 2 && !d->directed) || (r == 0 && d->directed && d->source == a) ||
		    (r == 1 && d->directed && d->source == b)) {
			return d;
		}
	}
	return NULL;
}

static double value(const gp_series_dyad *d, int conflict)
{
	return !d ? 0 : conflict ? d->conflict : d->cooperation;
}

/* One relation's line of one sign, with a point and tooltip per window of any event. */
static void series_line(svg *g, const gp_series *s, const frame *f, int r, int conflict,
			const char *rel)
{
	static const char *const dash[] = { "", "7 4", "2 3" };
	size_t n = s->nw;
	char *pts = malloc(n * 32 + 1), buf[64], tip[400], wn[16];
	if (!pts) {
		g->bad = 1;
		return;
	}
	size_t len = 0;
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		const gp_series_dyad *d = rel_of(s, i, r);
		any |= d && value(d, conflict) != 0;
		len += (size_t)gp__snprintf_c(pts + len, 32, "%s%.1f,%.1f", i ? " " : "", fx(f, i),
					      fy(f, value(d, conflict)));
	}
	if (!any) {
		free(pts);
		return;
	}
	start(g, "polyline");
	attr(g, "points", pts);
	attr(g, "fill", "none");
	attr(g, "stroke", conflict ? CONFLICT : COOPERATION);
	attr(g, "stroke-width", "2");
	if (dash[r][0]) {
		attr(g, "stroke-dasharray", dash[r]);
	}
	snprintf(tip, sizeof(tip), "%s: %s", rel, conflict ? "conflict" : "cooperation");
	start(g, "title");
	write_text(g, tip);
	end(g);
	end(g);
	free(pts);
	for (size_t i = 0; i < n; i++) {
		const gp_series_dyad *d = rel_of(s, i, r);
		if (!d || value(d, conflict) == 0) {
			continue;
		}
		start(g, "circle");
		attr_num(g, "cx", fx(f, i));
		attr_num(g, "cy", fy(f, value(d, conflict)));
		attr(g, "r", "3");
		attr(g, "fill", conflict ? CONFLICT : COOPERATION);
		gp__snprintf_c(buf, sizeof(buf), "%.4g", value(d, conflict));
		snprintf(tip, sizeof(tip), "%s %s: %s %s (%.4g event%s)",
			 gp_series_window_name(s, i, wn, sizeof(wn)), rel,
			 conflict ? "conflict" : "cooperation", buf, d->count,
			 d->count == 1 ? "" : "s");
		start(g, "title");
		write_text(g, tip);
		end(g);
		end(g);
	}
}

/* The window names along the bottom: as many as fit, 60 points apart at least. */
static void axis(svg *g, const gp_series *s, const frame *f)
{
	char wn[16], v[40];
	size_t every = (size_t)ceil(60.0 / f->step);
	for (size_t i = 0; i < s->nw; i += every ? every : 1) {
		line(g, fx(f, i), f->top + f->height, fx(f, i), f->top + f->height + 4, "tick");
		text_at(g, fx(f, i), f->top + f->height + 16, "middle", "label",
			gp_series_window_name(s, i, wn, sizeof(wn)));
	}
	double ticks[] = { f->ymax, 0, f->ymin };
	for (int k = 0; k < 3; k++) {
		if (k != 1 && ticks[k] == 0) {
			continue;
		}
		gp__snprintf_c(v, sizeof(v), "%+.4g", ticks[k]);
		text_at(g, f->left - 6, fy(f, ticks[k]) + 4, "end", "label",
			ticks[k] == 0 ? "0" : v);
		line(g, f->left, fy(f, ticks[k]), f->left + f->width, fy(f, ticks[k]),
		     k == 1 ? "zero" : "grid");
	}
}

static void legend(svg *g, const gp_series *s, const frame *f, char rel[3][120])
{
	static const char *const dash[] = { "", "7 4", "2 3" };
	double x = f->left + f->width + 16, y = f->top + 8;
	for (int r = 0; r < 3; r++, y += 22) {
		start(g, "line");
		attr_num(g, "x1", x), attr_num(g, "y1", y), attr_num(g, "x2", x + 26);
		attr_num(g, "y2", y);
		attr(g, "stroke", "#52606d");
		attr(g, "stroke-width", "2");
		if (dash[r][0]) {
			attr(g, "stroke-dasharray", dash[r]);
		}
		end(g);
		text_at(g, x + 32, y + 4, "start", "label", rel[r]);
	}
	y += 10;
	const char *names[] = { "cooperation (up)", "conflict (down)" };
	const char *colours[] = { COOPERATION, CONFLICT };
	for (int k = 0; k < 2; k++, y += 20) {
		start(g, "rect");
		attr_num(g, "x", x), attr_num(g, "y", y - 6), attr(g, "width", "26");
		attr(g, "height", "10");
		attr(g, "fill", colours[k]);
		end(g);
		text_at(g, x + 32, y + 4, "start", "label", names[k]);
	}
	(void)s;
}

static void chart(svg *g, const gp_series *s)
{
	frame f = { 64, 56, 0, 300, 0, 0, 0 };
	f.step = s->nw ? fmax(4, fmin(48, 720.0 / (double)s->nw)) : 48;
	f.width = f.step * (double)(s->nw ? s->nw : 1);
	for (size_t i = 0; i < s->nw; i++) {
		for (int r = 0; r < 3; r++) {
			const gp_series_dyad *d = rel_of(s, i, r);
			f.ymax = fmax(f.ymax, value(d, 0));
			f.ymin = fmin(f.ymin, value(d, 1));
		}
	}
	if (f.ymax == 0 && f.ymin == 0) {
		f.ymax = 1, f.ymin = -1;
	}
	double W = f.left + f.width + 230, H = f.top + f.height + 56;
	char rel[3][120], title[600], buf[40];
	const char *a = gp_dataset_actor(s->ds, s->o.pair[0])->id;
	const char *b = gp_dataset_actor(s->ds, s->o.pair[1])->id;
	snprintf(rel[0], sizeof(rel[0]), "%s → %s", a, b);
	snprintf(rel[1], sizeof(rel[1]), "%s → %s", b, a);
	snprintf(rel[2], sizeof(rel[2]), "%s – %s (together)", strcmp(a, b) < 0 ? a : b,
		 strcmp(a, b) < 0 ? b : a);
	start(g, "svg");
	attr(g, "xmlns", "http://www.w3.org/2000/svg");
	attr_num(g, "width", W);
	attr_num(g, "height", H);
	gp__snprintf_c(buf, sizeof(buf), "0 0 %.1f %.1f", W, H);
	attr(g, "viewBox", buf);
	attr(g, "font-family", "DejaVu Sans, Liberation Sans, Arial, sans-serif");
	start(g, "style");
	write_text(g, ".label{font-size:11px;fill:#1f2933}.title{font-size:15px;"
		      "font-weight:bold;fill:#1f2933}.note{font-size:11px;fill:#52606d}"
		      ".grid{stroke:#d3dbe4}.zero{stroke:#52606d}.tick{stroke:#52606d}");
	end(g);
	start(g, "rect");
	attr(g, "width", "100%"), attr(g, "height", "100%"), attr(g, "fill", "#ffffff");
	end(g);
	snprintf(title, sizeof(title), "%s and %s: cooperation and conflict by %s",
		 gp_dataset_actor(s->ds, s->o.pair[0])->name,
		 gp_dataset_actor(s->ds, s->o.pair[1])->name,
		 s->o.every == GP_EVERY_YEAR      ? "year"
		 : s->o.every == GP_EVERY_QUARTER ? "quarter"
						  : "month");
	text_at(g, f.left, 24, "start", "title", title);
	snprintf(title, sizeof(title), "%zu events; sums of Goldstein weights, %s", s->n_events,
		 s->o.whole ? "each event counted whole in every window it overlaps"
			    : "each event weighted by the share of its dates in the window");
	text_at(g, f.left, 42, "start", "note", title);
	if (!s->nw) {
		text_at(g, f.left + f.width / 2, f.top + f.height / 2, "middle", "title",
			"no events between them");
	} else {
		axis(g, s, &f);
		for (int r = 0; r < 3; r++) {
			series_line(g, s, &f, r, 0, rel[r]);
			series_line(g, s, &f, r, 1, rel[r]);
		}
	}
	legend(g, s, &f, rel);
	end(g);
}

int gp_dyad_write_svg(FILE *fp, const gp_series *s)
{
	xmlStructuredErrorFunc old_handler = xmlStructuredError;
	void *old_context = xmlStructuredErrorContext;
	xmlGenericErrorFunc old_generic = xmlGenericError;
	void *old_generic_context = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(NULL, quiet);
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	xmlBufferPtr buf = xmlBufferCreate();
	/* The output buffer is ours to check: libxml2 2.9 drops text quietly when it cannot grow. */
	xmlOutputBufferPtr out = buf ? xmlOutputBufferCreateBuffer(buf, NULL) : NULL;
	xmlTextWriterPtr w = out ? xmlNewTextWriter(out) : NULL;
	int rc = GP_ENOMEM;
	if (!w) {
		xmlOutputBufferClose(out); /* NULL: nothing */
	} else {
		svg g = { w, 0 };
		g.bad |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
		chart(&g, s);
		g.bad |= !g.bad && xmlTextWriterEndDocument(w) < 0;
		g.bad |= !g.bad && xmlTextWriterFlush(w) < 0;
		g.bad |= out->error || !xmlBufContent(out->buffer) ||
			 (out->conv && !xmlBufContent(out->conv));
		xmlFreeTextWriter(w); /* closes out, which flushes into buf */
		rc = g.bad ? GP_ENOMEM : GP_OK;
	}
	if (rc == GP_OK) {
		fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), fp);
		rc = ferror(fp) ? GP_EIO : GP_OK;
	}
	xmlBufferFree(buf);
	xmlSetStructuredErrorFunc(old_context, old_handler);
	xmlSetGenericErrorFunc(old_generic_context, old_generic);
	return rc;
}
