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
varying vec3 v_world;      // render units
void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_world = world.xyz;
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

# The Sun is a disc: a point sees the share of it that no sphere hides. Moons are spheres;
# Jupiter is a sphere of radius 1 once render coordinates are multiplied by u_jup_scale
# (1/a, 1/a, 1/c: render z is Jupiter's pole), as in jovianview.core.shadows. Occulters come
# culled and packed by the CPU (core.shadows.shading_pairs), so a pixel usually tests none:
# the loops leave at once on a uniform count (software GL then skips their bodies).
SHADOW_GLSL = """
uniform vec3 u_sun_pos;    // the Sun, render units
uniform float u_sun_radius; // render units
uniform vec4 u_occ[4];     // moons that may shade this body: centre (render units), radius
uniform float u_nocc;      // how many of u_occ are in use
uniform float u_jup_occ;   // 1: Jupiter may shade this body
uniform vec3 u_jup_centre;
uniform vec3 u_jup_scale;
float sphere_light(vec3 p, vec3 s, float sigma, vec3 c, float r) {
    vec3 v = c - p;
    float along = dot(v, s);
    float theta = atan(length(v - along * s), along);  // the occulter's centre from the Sun's
    float rho = asin(min(r / length(v), 1.0));          // its angular radius
    float x = clamp((theta - rho) / sigma, -1.0, 1.0);  // straight limb across the Sun's disc
    float hidden = (acos(x) - x * sqrt(1.0 - x * x)) / 3.14159265;
    return 1.0 - min(hidden, rho * rho / (sigma * sigma));
}
float sunlight(vec3 p) {
    vec3 to_sun = u_sun_pos - p;
    float dist = length(to_sun);
    vec3 s = to_sun / dist;
    float sigma = u_sun_radius / dist;
    float light = 1.0;
    for (int i = 0; i < 4; i++) {
        if (float(i) >= u_nocc) break;
        light *= sphere_light(p, s, sigma, u_occ[i].xyz, u_occ[i].w);
    }
    for (int i = 0; i < 1; i++) {
        if (u_jup_occ < 0.5) break;
        vec3 q = (p - u_jup_centre) * u_jup_scale;
        light *= sphere_light(q, normalize(s * u_jup_scale), sigma, vec3(0.0), 1.0);
    }
    return light;
}
"""

_BODY_FRAG_HEAD = SHADOW_GLSL + """
uniform sampler2D u_texture;
uniform vec3 u_sun;        // unit vector towards the Sun, render axes
uniform float u_night;     // brightness of the night side and of full shadow (0..1)
uniform float u_lit;       // 1: sunlit shading, 0: flat (no Sun direction known)
uniform float u_lon_shift; // added to u: turns a drifting cloud map (Jupiter's GRS)
uniform vec3 u_eye;        // the eye, render units
uniform vec3 u_centre;     // the body's centre, render units
uniform float u_shrink;    // 1 / display scale: sunlight is tested on the true-size body
uniform float u_minnaert;  // Minnaert exponent k (lighting.py)
uniform float u_lommel;    // 1: the Lommel-Seeliger law instead (airless moons)
uniform float u_twilight;  // cosine of the Sun's zenith angle where twilight ends (< 0)
uniform vec4 u_haze;       // limb haze: colour, normal optical depth
varying vec2 v_texcoord;
varying vec3 v_normal;
varying vec3 v_world;
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
    vec3 p = u_centre + (v_world - u_centre) * u_shrink;
    float mu0 = dot(n, normalize(u_sun_pos - p));
    float mu = max(dot(n, normalize(u_eye - v_world)), 0.03);
    // Minnaert's law I = mu0^k mu^(k-1) (or Lommel-Seeliger's 2 mu0 / (mu0 + mu), both 1 at
    // full phase), the terminator moved u_twilight past mu0 = 0 so
    // that the brightness fades to nothing over the twilight band (haze above the clouds
    // still sees the Sun there). The map's colour is only scaled, never mixed with white.
    float w = -u_twilight;
    float m0 = max(mu0 + w, 0.0) / (1.0 + w);
    float day = mix(pow(m0, u_minnaert) * pow(mu, u_minnaert - 1.0),  // Minnaert
                    2.0 * m0 / (m0 + mu), u_lommel);                  // Lommel-Seeliger
    float sun = sunlight(p);
    float lit_share = min(day, 1.0) * sun;  // the maps are the albedo: never brighter
    float light = mix(1.0, u_night + (1.0 - u_night) * lit_share, u_lit);
    vec3 colour = texture2D(u_texture, vec2(v_texcoord.x + u_lon_shift, v_texcoord.y)).rgb;
    PATCH
    // A thin haze: optically thin straight down, it thickens as 1/mu towards the limb.
    float haze = (1.0 - exp(-u_haze.w / mu)) * smoothstep(-w, w, mu0) * sun * u_lit;
    gl_FragColor = vec4(colour * light + u_haze.rgb * haze, 1.0);
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
uniform float u_light;     // share of the Sun Juno sees (core.shadows; 0 in Jupiter's shadow)
uniform float u_night;     // what is left in full shadow
varying vec3 v_normal;
varying vec3 v_colour;
void main() {
    float d = abs(dot(normalize(v_normal), u_sun));  // thin panels: light both faces
    float light = (0.35 + 0.75 * d) * u_light;
    gl_FragColor = vec4(v_colour * max(light, u_night), 1.0);
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

JUNOCAM_VERT = LOG_DEPTH_VERT + """
// JunoCam's frustum and footprint (render/layers/junocam.py): each vertex is an outline
// direction in the camera's axes; the footprint's rays meet Jupiter's ellipsoid here, with
// the arithmetic of core.geometry.ray_ellipsoid.
uniform mat4 u_viewproj;
uniform vec3 u_offset;       // Juno now, render units
uniform mat4 u_render_axes;  // camera axes -> render axes, per km (upper-left 3x3)
uniform mat4 u_bf_axes;      // camera axes -> body-fixed, divided by Jupiter's radii
uniform vec3 u_origin;       // Juno, body-fixed, divided by Jupiter's radii
uniform vec3 u_lift;         // (LIFT - 1) x Juno, render units: the footprint a little up
uniform float u_reach;       // km: the frustum drawn out to Jupiter's distance
uniform float u_lift_scale;  // LIFT
attribute vec3 a_dir;        // unit, camera axes
attribute float a_kind;      // 0: Juno, 1: the frustum's far outline, 2: the footprint
varying float v_footprint;
varying float v_hit;
void main() {
    vec3 dir = (u_render_axes * vec4(a_dir, 0.0)).xyz;
    vec3 rel = vec3(0.0);
    v_hit = 1.0;
    v_footprint = 0.0;
    if (a_kind > 1.5) {
        v_footprint = 1.0;
        vec3 d = (u_bf_axes * vec4(a_dir, 0.0)).xyz;
        float a = dot(d, d);
        float h = dot(u_origin, d);
        float c = dot(u_origin, u_origin) - 1.0;
        float disc = h * h - a * c;
        float t = -1.0;
        if (disc >= 0.0) {
            float root = sqrt(disc);
            float t_near = (-h - root) / a;
            float t_far = (-h + root) / a;
            t = t_near >= 0.0 ? t_near : t_far;
        }
        if (t < 0.0) {
            v_hit = 0.0;  // a ray past the limb: its segments are not drawn
            rel = dir * u_reach;
        } else {
            rel = u_lift + u_lift_scale * t * dir;
        }
    } else if (a_kind > 0.5) {
        rel = dir * u_reach;
    }
    gl_Position = u_viewproj * vec4(rel + u_offset, 1.0);
    v_logz = gl_Position.w;
}
"""

JUNOCAM_FRAG = LOG_DEPTH_FRAG + """
uniform vec4 u_colour;
uniform vec4 u_footprint_colour;
varying float v_footprint;
varying float v_hit;
void main() {
    if (v_hit < 0.999) {
        discard;  // a footprint segment with an end off the disc
    }
    gl_FragColor = v_footprint > 0.5 ? u_footprint_colour : u_colour;
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


# What a body's sunlit variant has instead of SHADOW_GLSL. Software GL runs a loop's first
# iteration (masked) even when its count is zero, so the shadow code cost a full-screen
# Jupiter ~9 ms a frame on llvmpipe with nothing to shade (20 against 11 ms at 1280x720);
# a body with no occulter this frame is drawn by this variant (render/layers/bodies.py).
SUNLIT_GLSL = """
uniform vec3 u_sun_pos;    // the Sun, render units
float sunlight(vec3 p) { return 1.0; }  // nothing shades this body this frame
"""
SHADOW_ONLY_UNIFORMS = ("u_sun_radius", "u_nocc", "u_jup_occ", "u_jup_centre", "u_jup_scale")


def body_fragment(patched: bool, cut: bool, shadowed: bool = True) -> str:
    """The body fragment shader: with the draped-patch code and/or the octant cut, and with
    the shadow code (``shadowed``) or the sunlit-only :data:`SUNLIT_GLSL`."""
    source = BODY_FRAG_PATCHED if patched else BODY_FRAG
    if not shadowed:
        source = source.replace(SHADOW_GLSL, SUNLIT_GLSL, 1)
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


RINGS_VERT = LOG_DEPTH_VERT + """
uniform mat4 u_viewproj;
uniform vec3 u_jupiter;    // Jupiter's centre, render units
attribute vec2 a_position; // in Jupiter's equator plane, Jupiter radii from its centre
varying vec3 v_world;
varying vec2 v_plane;
void main() {
    v_plane = a_position;
    v_world = u_jupiter + vec3(a_position, 0.0);
    gl_Position = u_viewproj * vec4(v_world, 1.0);
    v_logz = gl_Position.w;
}
"""

# Optically thin dust: I/F = tau P(scattering) / (4 mu), mu the cosine of the emission angle
# (no 1/mu0: the light is scattered once, whichever face the Sun lights). u_profile holds
# the normal optical depth over radius (model/rings.py), u_gain turns it into display units.
RINGS_FRAG = LOG_DEPTH_FRAG + SHADOW_GLSL + """
uniform sampler2D u_profile;
uniform vec2 u_span;       // inner and outer radius of the profile, Jupiter radii
uniform vec3 u_eye;
uniform float u_gain;
uniform vec3 u_colour;
uniform vec3 u_hg;         // phase function: forward g, backward g, forward weight
varying vec3 v_world;
varying vec2 v_plane;
float hg(float g, float c) { return (1.0 - g * g) / pow(1.0 + g * g - 2.0 * g * c, 1.5); }
void main() {
    float r = length(v_plane);
    float t = (r - u_span.x) / (u_span.y - u_span.x);
    if (t < 0.0 || t > 1.0) discard;
    float tau = texture2D(u_profile, vec2(t, 0.5)).r;
    vec3 to_eye = normalize(u_eye - v_world);
    vec3 s = normalize(u_sun_pos - v_world);
    float mu = max(abs(to_eye.z), 0.01);
    float c = dot(-s, to_eye);  // 1: the eye looks at the Sun through the ring
    float phase = mix(hg(u_hg.y, c), hg(u_hg.x, c), u_hg.z);
    float b = u_gain * tau * phase / (4.0 * mu) * sunlight(v_world);
    gl_FragColor = vec4(u_colour * b, 1.0);
    write_depth();
}
"""
