"""GLSL sources for the scene's programs (GLSL 1.20 / ES 2.0 level, as VisPy's gloo wants).

All 3D programs write a logarithmic depth, so one depth buffer spans Juno seen from 50 m and
Callisto 2 million km away. ``u_logc`` sets the resolution near the eye and ``u_fcoef`` is
``2 / log2(1 + u_logc * far)``.
"""

LOG_DEPTH_VERT = """
uniform float u_logc;
varying float v_logz;
"""

LOG_DEPTH_FRAG = """
uniform float u_fcoef;
uniform float u_logc;
varying float v_logz;
void write_depth() {
    gl_FragDepth = log2(max(1e-7, 1.0 + u_logc * v_logz)) * u_fcoef * 0.5;
}
"""

BODY_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_model;      // unit sphere (body-fixed) -> render units
uniform mat4 u_viewproj;
uniform vec3 u_radii;      // for the ellipsoid's normal
attribute vec3 a_position; // unit sphere
attribute vec2 a_texcoord;
varying vec2 v_texcoord;
varying vec3 v_normal;
void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    // Normal of the ellipsoid x^2/a^2 + ... = 1 at radii*p is p/radii (then rotated)
    // Ellipsoid normal at radii*p is p/radii; mat3(u_model) = R*S, so R*(p/radii) equals
    // mat3(u_model) applied to p/radii^2 (the body scale factor drops out on normalising).
    v_normal = mat3(u_model) * (a_position / (u_radii * u_radii));
    // Maps use planetocentric latitude: on an oblate body the unit sphere's latitude (the
    // parametric one) is ~1.3 deg off at 45 deg, so v is recomputed from the true shape.
    float lat = atan(u_radii.z * a_position.z, u_radii.x * length(a_position.xy));
    v_texcoord = vec2(a_texcoord.x, 0.5 - lat / 3.14159265);
    gl_Position = u_viewproj * world;
    v_logz = gl_Position.w;
}
"""

_BODY_FRAG_HEAD = """
uniform sampler2D u_texture;
uniform vec3 u_sun;        // unit vector towards the Sun, render axes
uniform float u_night;     // brightness of the night side (0..1)
uniform float u_lit;       // 1: sunlit shading, 0: flat (no Sun direction known)
uniform float u_lon_shift; // added to u: turns a drifting cloud map (Jupiter's GRS)
varying vec2 v_texcoord;
varying vec3 v_normal;
"""

_PATCH_DECLARATIONS = """
uniform sampler2D u_patch; // a map-projected patch laid over part of the body
uniform vec4 u_patch_box;  // east longitude of its left edge, signed span, lat top, lat bottom
uniform float u_patch_opacity;
float ramp(float t) { return clamp(min(t, 1.0 - t) / 0.05, 0.0, 1.0); }
"""

_BODY_FRAG_MAIN = """
void main() {
    vec3 n = normalize(v_normal);
    float d = dot(n, u_sun);
    // A soft terminator a few degrees wide, then a gentle fall-off towards it (to 80 %,
    // as sqrt of Lambert: relief without hiding the map's features); the night side keeps
    // u_night of the texture. The map's colour is only scaled, never mixed with white.
    // Branch-free: software GL runs this for every covered pixel.
    float day = smoothstep(-0.04, 0.06, d) * mix(0.8, 1.0, sqrt(max(d, 0.0)));
    float light = mix(1.0, u_night + (1.0 - u_night) * day, u_lit);
    vec3 colour = texture2D(u_texture, vec2(v_texcoord.x + u_lon_shift, v_texcoord.y)).rgb;
    PATCH
    gl_FragColor = vec4(colour * light, 1.0);
    write_depth();
}
"""

_PATCH_BLEND = """
    float east = (v_texcoord.x - 0.5) * 360.0;
    float lat = 90.0 - v_texcoord.y * 180.0;
    float rel = mod((east - u_patch_box.x) * sign(u_patch_box.y), 360.0);
    float x = rel / abs(u_patch_box.y);
    float y = (u_patch_box.z - lat) / (u_patch_box.z - u_patch_box.w);
    if (x <= 1.0 && y >= 0.0 && y <= 1.0) {
        float a = ramp(x) * ramp(y) * u_patch_opacity;
        colour = mix(colour, texture2D(u_patch, vec2(x, y)).rgb, a);
    }
"""

# Two variants: software GL runs both sides of a branch for every pixel (with masks), so a
# body without a draped patch gets a shader without the patch code at all.
BODY_FRAG = LOG_DEPTH_FRAG + _BODY_FRAG_HEAD + _BODY_FRAG_MAIN.replace("    PATCH\n", "")
BODY_FRAG_PATCHED = (LOG_DEPTH_FRAG + _BODY_FRAG_HEAD + _PATCH_DECLARATIONS
                     + _BODY_FRAG_MAIN.replace("    PATCH\n", _PATCH_BLEND.lstrip("\n")))

JUNO_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_model;
uniform mat4 u_viewproj;
attribute vec3 a_position;
attribute vec3 a_normal;
attribute vec3 a_colour;
varying vec3 v_normal;
varying vec3 v_colour;
void main() {
    v_normal = mat3(u_model) * a_normal;
    v_colour = a_colour;
    gl_Position = u_viewproj * u_model * vec4(a_position, 1.0);
    v_logz = gl_Position.w;
}
"""

JUNO_FRAG = LOG_DEPTH_FRAG + """
uniform vec3 u_sun;
varying vec3 v_normal;
varying vec3 v_colour;
void main() {
    float d = abs(dot(normalize(v_normal), u_sun));  // thin panels: light both faces
    gl_FragColor = vec4(v_colour * (0.35 + 0.75 * d), 1.0);
    write_depth();
}
"""

PATH_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_viewproj;
uniform vec3 u_offset;     // where the path's origin is now, render units
attribute vec3 a_position; // render units relative to the origin
attribute float a_time;    // seconds from the first vertex
attribute float a_planned; // 1 for a planned (not flown) vertex
varying float v_time;
varying float v_planned;
void main() {
    v_time = a_time;
    v_planned = a_planned;
    gl_Position = u_viewproj * vec4(a_position + u_offset, 1.0);
    v_logz = gl_Position.w;
}
"""

PATH_FRAG = LOG_DEPTH_FRAG + """
uniform float u_now;       // seconds from the first vertex
uniform float u_fade;      // seconds over which the past fades
uniform vec4 u_colour;
uniform vec4 u_planned_colour;
uniform float u_mode;      // 0: a trail that fades with time, 1: a constant path
varying float v_time;
varying float v_planned;
void main() {
    float alpha;
    if (u_mode > 0.5) {
        alpha = 1.0;
    } else if (v_time <= u_now) {
        alpha = mix(0.12, 1.0, exp(-(u_now - v_time) / u_fade));
    } else {
        alpha = 0.28;  // the future: faint
    }
    vec4 c = v_planned > 0.5 ? u_planned_colour : u_colour;
    gl_FragColor = vec4(c.rgb, c.a * alpha);
    write_depth();
}
"""

STARS_VERT = """
uniform mat4 u_rotproj;    // ICRF -> camera rotation and projection: stars are at infinity
attribute vec3 a_direction;
attribute float a_size;
attribute vec3 a_colour;   // black-body colour times brightness
varying vec3 v_colour;
void main() {
    gl_Position = u_rotproj * vec4(a_direction, 0.0);  // a direction: w = 0
    gl_Position.z = gl_Position.w * 0.99999;  // at the far plane
    gl_PointSize = a_size;
    v_colour = a_colour;
}
"""

STARS_FRAG = """
varying vec3 v_colour;
void main() {
    // a round point fading at its rim (1-pixel points sample the centre: full colour)
    float r = 2.0 * length(gl_PointCoord - vec2(0.5));
    gl_FragColor = vec4(v_colour * (1.0 - smoothstep(0.55, 1.0, r)), 1.0);
}
"""

FIELD_LINE_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_viewproj;
uniform mat4 u_model;      // System III -> render axes, about Jupiter's centre, now
attribute vec3 a_position; // System III, render units
attribute float a_strength; // log field strength scaled to 0..1
varying float v_strength;
void main() {
    v_strength = a_strength;
    gl_Position = u_viewproj * (u_model * vec4(a_position, 1.0));
    v_logz = gl_Position.w;
}
"""

FIELD_LINE_FRAG = LOG_DEPTH_FRAG + """
uniform float u_alpha;
varying float v_strength;
void main() {
    // weak (outer magnetosphere) violet -> blue -> cyan -> yellow (strong, near the planet)
    float s = clamp(v_strength, 0.0, 1.0);
    // The ends (violet, yellow) are field_lines.WEAK_COLOUR / STRONG_COLOUR, for the legend.
    vec3 c = mix(vec3(0.55, 0.35, 1.0), vec3(0.2, 0.6, 1.0), smoothstep(0.0, 0.35, s));
    c = mix(c, vec3(0.3, 1.0, 0.9), smoothstep(0.35, 0.7, s));
    c = mix(c, vec3(1.0, 0.95, 0.35), smoothstep(0.7, 1.0, s));
    gl_FragColor = vec4(c, u_alpha);
    write_depth();
}
"""

AURORA_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_viewproj;
uniform mat4 u_model;      // System III -> render axes, about Jupiter's centre, now
attribute vec3 a_position; // System III, render units, just above the 1-bar surface
attribute float a_alpha;
attribute float a_size;    // point size (pixels) for spots; unused by lines
varying float v_alpha;
void main() {
    v_alpha = a_alpha;
    gl_Position = u_viewproj * (u_model * vec4(a_position, 1.0));
    gl_PointSize = a_size;
    v_logz = gl_Position.w;
}
"""

AURORA_FRAG = LOG_DEPTH_FRAG + """
uniform vec4 u_colour;
uniform float u_points;    // 1: soft round spots, 0: lines
varying float v_alpha;
void main() {
    float a = v_alpha;
    if (u_points > 0.5) {
        vec2 d = gl_PointCoord - vec2(0.5);
        a *= exp(-dot(d, d) * 10.0);
    }
    gl_FragColor = vec4(u_colour.rgb, u_colour.a * a);
    write_depth();
}
"""

# The interior cutaway (render/layers/interior.py): Jupiter's program with one octant cut
# away (only while the cutaway is shown, so the everyday shader keeps no extra test), and the
# flat, per-vertex coloured faces of the cut.
BODY_VERT_CUT = BODY_VERT.replace(
    "varying vec3 v_normal;\n", "varying vec3 v_normal;\nvarying vec3 v_unit;\n", 1).replace(
    "    gl_Position = u_viewproj * world;\n",
    "    v_unit = a_position;\n    gl_Position = u_viewproj * world;\n", 1)

_CUT_DECLARATIONS = """
uniform vec3 u_cut1;       // the removed octant: dot(p, u_cutK) > 0 for K = 1, 2, 3
uniform vec3 u_cut2;       // (body-fixed axes; the unit sphere's frame, whose axes the
uniform vec3 u_cut3;       // body's radii only scale)
varying vec3 v_unit;
"""

_CUT_TEST = """void main() {
    if (dot(v_unit, u_cut1) > 0.0 && dot(v_unit, u_cut2) > 0.0
            && dot(v_unit, u_cut3) > 0.0) {
        discard;
    }
"""


def body_fragment(patched: bool, cut: bool) -> str:
    """The body fragment shader: with the draped-patch code and/or the octant cut."""
    source = BODY_FRAG_PATCHED if patched else BODY_FRAG
    if cut:
        source = (source.replace("void main() {\n", _CUT_TEST, 1)
                  .replace("varying vec3 v_normal;\n",
                           "varying vec3 v_normal;\n" + _CUT_DECLARATIONS.lstrip("\n"), 1))
    return source


INTERIOR_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_viewproj;
uniform mat4 u_model;      // the cut's canonical frame (unit radii) -> render units
attribute vec3 a_position;
attribute vec3 a_colour;
varying vec3 v_colour;
void main() {
    v_colour = a_colour;
    gl_Position = u_viewproj * (u_model * vec4(a_position, 1.0));
    v_logz = gl_Position.w;
}
"""

INTERIOR_FRAG = LOG_DEPTH_FRAG + """
varying vec3 v_colour;
void main() {
    gl_FragColor = vec4(v_colour, 1.0);
    write_depth();
}
"""

# Aurora footprint spots (render/layers/aurorae.py) placed by uniforms: six vertices, each
# picks its spot (u_spot0..5: System III render units, w = 1 shown, 0 hidden) by a one-hot
# attribute, so a moving spot costs six uniforms a frame and no buffer upload.
SPOT_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_viewproj;
uniform mat4 u_model;
uniform vec4 u_spot0;
uniform vec4 u_spot1;
uniform vec4 u_spot2;
uniform vec4 u_spot3;
uniform vec4 u_spot4;
uniform vec4 u_spot5;
attribute vec3 a_pick1;    // one-hot: spots 0..2
attribute vec3 a_pick2;    // one-hot: spots 3..5
attribute float a_size;
varying float v_alpha;
void main() {
    vec4 s = a_pick1.x * u_spot0 + a_pick1.y * u_spot1 + a_pick1.z * u_spot2
           + a_pick2.x * u_spot3 + a_pick2.y * u_spot4 + a_pick2.z * u_spot5;
    v_alpha = 1.0;
    gl_Position = u_viewproj * (u_model * vec4(s.xyz, 1.0));
    gl_PointSize = a_size * s.w;
    v_logz = gl_Position.w;
    if (s.w < 0.5) {
        gl_Position = vec4(0.0, 0.0, 2.0, 1.0);  // hidden: outside the clip volume
    }
}
"""

# Io's footprint tail: Io's whole footprint track uploaded once, each vertex with its System
# III west longitude; a vertex shows while it lies within u_tail_deg behind Io (u_io_west).
TAIL_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_viewproj;
uniform mat4 u_model;
uniform float u_io_west;   // Io's System III west longitude now (deg); < -360: no Io
uniform float u_tail_deg;
attribute vec3 a_position;
attribute float a_west;
attribute float a_size;
varying float v_alpha;
void main() {
    float lag = mod(u_io_west - a_west, 360.0);
    v_alpha = 0.6 * (1.0 - lag / u_tail_deg);
    gl_Position = u_viewproj * (u_model * vec4(a_position, 1.0));
    gl_PointSize = a_size;
    v_logz = gl_Position.w;
    if (lag > u_tail_deg || u_io_west < -360.0) {
        gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
    }
}
"""
